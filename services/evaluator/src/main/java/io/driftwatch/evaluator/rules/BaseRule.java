package io.driftwatch.evaluator.rules;

import io.driftwatch.proto.v1.FindingEvent.Severity;

/** The descriptive half of a rule (id, title, severity...), so each rule class holds only its check. */
abstract class BaseRule implements Rule {
    private final String id;
    private final String resourceType;
    private final Severity severity;
    private final String controlArea;
    private final String title;
    private final String description;

    BaseRule(String id, String resourceType, Severity severity, String controlArea, String title, String description) {
        this.id = id;
        this.resourceType = resourceType;
        this.severity = severity;
        this.controlArea = controlArea;
        this.title = title;
        this.description = description;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final String controlArea() {
        return controlArea;
    }

    @Override
    public final String resourceType() {
        return resourceType;
    }

    @Override
    public String toString() {
        return id;
    }
}
