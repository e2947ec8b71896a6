package org.streamingest.job.cli;

import javax.annotation.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Statements read line by line from a pipe or file: lines are collected until every statement in
 * them ends with {@code ;}; prompts go to stderr.
 */
final class PipedInput implements ShellInput {

    private final BufferedReader in;
    private final PrintStream err;

    PipedInput(BufferedReader in, PrintStream err) {
        this.in = in;
        this.err = err;
    }

    @Override
    @Nullable
    public String next() throws IOException {
        StringBuilder buffer = new StringBuilder();
        while (true) {
            err.print(buffer.length() == 0 ? ShellCommand.PROMPT : ShellCommand.CONTINUATION);
            err.flush();
            String line = in.readLine();
            if (line == null) {
                if (!buffer.toString().isBlank()) {
                    err.println("streaming-ingest: ignoring the unterminated statement: add ';'.");
                }
                return null;
            }
            if (buffer.length() == 0 && line.strip().equals(ShellCommand.QUIT)) {
                return line;
            }
            buffer.append(line).append('\n');
            if (ShellCommand.complete(buffer.toString())) {
                return buffer.toString();
            }
        }
    }
}
