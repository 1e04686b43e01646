package io.driftwatch.collector.aws;

/** A lister of a global type (IAM, the account itself): listed once per account, with region {@value #GLOBAL}. */
public interface GlobalResourceLister extends ResourceLister {
    @Override
    default boolean global() {
        return true;
    }
}
