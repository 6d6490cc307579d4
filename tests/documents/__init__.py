"""Documents in the formats bureaus publish, generated from the seeds' parsed notices.

Each writer lays out the same text (``blocks.notice_blocks``) the way a bureau
or a website would: a paginated PDF, Word files with automatic or typed
numbering, web pages in several site layouts. Tests read them back with the
project's readers and check that each gives the seed's structure, and that
none of a layout's own text reaches the notice. ``python -m tests.documents DIR``
writes them all for a look.
"""
