package io.pacewatch.cli.publish;

/** How sending ended: how many records the brokers acknowledged, and the first failure if any. */
public record SendOutcome(int acknowledged, Exception failure) {

    public boolean succeeded() {
        return failure == null;
    }
}
