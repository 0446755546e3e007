package io.pacewatch.cli.publish;

/** How sending ended: how many records the brokers acknowledged, and the first failure if any. */
record SendOutcome(int acknowledged, Exception failure) {

    boolean succeeded() {
        return failure == null;
    }
}
