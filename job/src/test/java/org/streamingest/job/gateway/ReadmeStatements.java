package org.streamingest.job.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL statements of the README's section {@value #SECTION}: every statement of its {@code
 * ```sql} blocks, without {@code --} comments, whitespace collapsed, ending with {@code ;}.
 */
final class ReadmeStatements {

    static final String SECTION = "## Flink SQL client and SQL gateway";

    private ReadmeStatements() {}

    static List<String> of(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf(SECTION);
        if (start < 0) {
            throw new AssertionError(readme + " has no section '" + SECTION + "'");
        }
        StringBuilder sql = new StringBuilder();
        boolean inSql = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!inSql && line.startsWith("## ")) {
                break;
            }
            if (line.strip().equals("```sql")) {
                inSql = true;
            } else if (inSql && line.strip().equals("```")) {
                inSql = false;
            } else if (inSql) {
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

    /** {@code statement} with runs of whitespace as one space, trimmed. */
    static String normalize(String statement) {
        return statement.strip().replaceAll("\\s+", " ");
    }
}
