package io.pacewatch.cli.publish;

import java.util.Properties;

/**
 * Where and how a validated batch is sent. {@code progress} is {@code null} when the user said
 * nothing (then a bar shows for a large batch on a terminal), else what they asked for.
 * {@code kafka} is {@code null} for a dry run, which needs no broker settings.
 */
record PublishPlan(String topic, boolean dryRun, Properties kafka, String clientId, Boolean progress,
                   boolean interactive) {

    boolean showProgress(final int records) {
        if (progress != null) {
            return progress;
        }
        return interactive && records > ProgressBar.LARGE_BATCH;
    }
}
