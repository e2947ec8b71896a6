package org.streamingest.functions.examples;

import org.streamingest.functions.examples.FunctionTable.Example;
import org.streamingest.functions.examples.FunctionTable.Function;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code docs/functions.md} from the function table and {@code functions.md.template}.
 * {@code main} writes the file; {@code FunctionsDocTest} fails when it is stale.
 */
public final class FunctionsDoc {

    private static final String DOCS_BASE = "https://docs.aws.amazon.com/redshift/latest/dg/";

    private FunctionsDoc() {}

    /** Writes the document to {@code docs/functions.md} of the repository. */
    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : location();
        Files.writeString(target, render(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + target);
    }

    /** {@code docs/functions.md}, found from the module directory tests run in. */
    public static Path location() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("Run from inside the repository (no mvnw found).");
        }
        return root.resolve("docs").resolve("functions.md");
    }

    /** The whole document. */
    public static String render() {
        List<Function> functions = FunctionTable.functions();
        return template()
                .replace("{{COMPATIBILITY}}", compatibility(functions))
                .replace("{{EXAMPLES}}", examples(functions));
    }

    private static String compatibility(List<Function> functions) {
        StringBuilder md = new StringBuilder();
        for (Map.Entry<String, List<Function>> group : byGroup(functions).entrySet()) {
            md.append("### ").append(group.getKey()).append("\n\n");
            md.append("| Function | Status | Signature | Notes |\n|---|---|---|---|\n");
            for (Function f : group.getValue()) {
                md.append("| [")
                        .append(f.name())
                        .append("](")
                        .append(DOCS_BASE)
                        .append(f.page())
                        .append(") | ")
                        .append(f.status())
                        .append(" | `")
                        .append(cell(f.signature()))
                        .append("` | ")
                        .append(cell(f.notes()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        return md.toString().stripTrailing();
    }

    private static String examples(List<Function> functions) {
        StringBuilder md = new StringBuilder();
        for (Function f : functions) {
            if (f.examples().isEmpty()) {
                continue;
            }
            md.append("### ").append(f.name()).append("\n\n");
            md.append("| Flink SQL | Result | From the Redshift docs |\n|---|---|---|\n");
            for (Example e : f.examples()) {
                md.append("| `")
                        .append(cell(e.call()))
                        .append("` | ")
                        .append(e.expectsError() ? "error: " : "")
                        .append('`')
                        .append(cell(e.expectsError() ? e.expectedError() : e.expected()))
                        .append("` | ")
                        .append(source(e.source()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        return md.toString().stripTrailing();
    }

    /** {@code PAGE.html#anchor (note)} as a link plus the note; other text as is. */
    private static String source(String source) {
        int space = source.indexOf(' ');
        String reference = space < 0 ? source : source.substring(0, space);
        if (!reference.contains(".html")) {
            return cell(source);
        }
        String note = space < 0 ? "" : " " + cell(source.substring(space + 1));
        String label = reference.replace(".html", "").replace("#", " § ");
        return "[" + label + "](" + DOCS_BASE + reference + ")" + note;
    }

    private static Map<String, List<Function>> byGroup(List<Function> functions) {
        Map<String, List<Function>> groups = new LinkedHashMap<>();
        for (Function f : functions) {
            groups.computeIfAbsent(f.group(), g -> new ArrayList<>()).add(f);
        }
        return groups;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String template() {
        try (InputStream in = FunctionsDoc.class.getResourceAsStream("/functions.md.template")) {
            if (in == null) {
                throw new IllegalStateException("functions.md.template is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
