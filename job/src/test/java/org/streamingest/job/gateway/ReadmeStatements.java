package org.streamingest.job.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's code blocks, as tests run them: {@link #blocks} gives the blocks of one language in
 * one section, verbatim; {@link #of} the SQL statements of the section {@value #SECTION}: every
 * statement of its {@code ```sql} blocks, without {@code --} comments, whitespace collapsed, ending
 * with {@code ;}.
 */
public final class ReadmeStatements {

    static final String SECTION = "## Flink SQL client and SQL gateway";

    private ReadmeStatements() {}

    static List<String> of(Path readme) throws IOException {
        StringBuilder sql = new StringBuilder();
        for (String block : blocks(readme, SECTION, "sql")) {
            for (String line : block.split("\n")) {
                int comment = line.indexOf("--");
                sql.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : sql.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(normalize(statement) + ";");
            }
        }
        return statements;
    }

    /**
     * The text of every {@code ```language} block of {@code section} (a heading line, e.g. {@code
     * "## Quickstart"}, up to the next heading of level 2), in order, each ending with a newline.
     */
    public static List<String> blocks(Path readme, String section, String language)
            throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf(section);
        if (start < 0) {
            throw new AssertionError(readme + " has no section '" + section + "'");
        }
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        boolean inOther = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            String fence = line.strip();
            if (block == null && !inOther && line.startsWith("## ")) {
                break;
            }
            if (block != null) {
                if (fence.equals("```")) {
                    blocks.add(block.toString());
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (inOther) {
                inOther = !fence.equals("```");
            } else if (fence.equals("```" + language)) {
                block = new StringBuilder();
            } else if (fence.startsWith("```")) {
                inOther = true;
            }
        }
        return blocks;
    }

    /** {@code statement} with runs of whitespace as one space, trimmed. */
    static String normalize(String statement) {
        return statement.strip().replaceAll("\\s+", " ");
    }
}
