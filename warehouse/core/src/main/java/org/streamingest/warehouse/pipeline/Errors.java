package org.streamingest.warehouse.pipeline;

import java.util.ArrayList;
import java.util.List;

/** How an exception is told to a user: its message and those of its causes, no stack trace. */
public final class Errors {

    private Errors() {}

    /**
     * The message of {@code e}, then each cause's that adds something, one per line. A wrapper
     * whose message is a prefix followed by its cause's message (as Flink's planner writes "SQL
     * validation failed. " before the cause, once for an INSERT and once more for its query) adds
     * only that prefix, and a prefix is said once however many wrappers repeat it.
     */
    public static String rootMessage(Throwable e) {
        List<String> prefixes = new ArrayList<>();
        Throwable core = e;
        while (core.getCause() != null && core.getCause() != core) {
            String message = core.getMessage();
            String cause = core.getCause().getMessage();
            if (message == null
                    || cause == null
                    || cause.isEmpty()
                    || message.length() <= cause.length()
                    || !message.endsWith(cause)) {
                break;
            }
            String prefix = message.substring(0, message.length() - cause.length());
            if (!prefixes.contains(prefix)) {
                prefixes.add(prefix);
            }
            core = core.getCause();
        }
        StringBuilder message = new StringBuilder(String.join("", prefixes));
        message.append(core.getMessage());
        for (Throwable c = core.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !message.toString().contains(c.getMessage())) {
                message.append("\n  caused by: ").append(c.getMessage());
            }
        }
        return message.toString();
    }
}
