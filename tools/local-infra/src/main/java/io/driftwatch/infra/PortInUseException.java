package io.driftwatch.infra;

/** A process could not start because a port it was given is taken by another process. */
public final class PortInUseException extends IllegalStateException {
    public PortInUseException(String message) {
        super(message);
    }
}
