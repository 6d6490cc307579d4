workplansRelated({});
