package org.streamingest.job.cli;

import javax.annotation.Nullable;

import java.io.IOException;

/**
 * Where the shell's statements come from: a piped input, or a terminal with line editing and
 * history ({@link TerminalInput}).
 */
interface ShellInput extends AutoCloseable {

    /**
     * The next input to run: one or more statements, each ending with {@code ;}, or {@code \q}, or
     * a blank line; null at the end of input.
     */
    @Nullable
    String next() throws IOException;

    /**
     * Runs {@code statements}; a terminal's Ctrl-C meanwhile cancels them (interrupts this thread)
     * instead of ending the shell.
     */
    default void execute(Runnable statements) {
        statements.run();
    }

    /** Whether Ctrl-C was pressed during the current {@link #execute}. */
    default boolean cancelled() {
        return false;
    }

    @Override
    default void close() throws IOException {}
}
