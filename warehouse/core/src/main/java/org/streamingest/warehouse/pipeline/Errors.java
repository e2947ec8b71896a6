package org.streamingest.warehouse.pipeline;

/** How an exception is told to a user: its message and those of its causes, no stack trace. */
public final class Errors {

    private Errors() {}

    /** The message of {@code e}, then each cause's that adds something, one per line. */
    public static String rootMessage(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !message.toString().contains(c.getMessage())) {
                message.append("\n  caused by: ").append(c.getMessage());
            }
        }
        return message.toString();
    }
}
