package org.streamingest.job.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * SUPER navigation paths such as {@code kinesis_data.items[0].sku}. JSqlParser cannot parse a
 * subscript followed by an attribute, so before parsing every identifier chain that contains a
 * subscript is replaced by a placeholder identifier of the same length (positions stay right) and
 * the chain is kept here.
 */
final class SuperNavigation {

    static final String PLACEHOLDER_PREFIX = "\"~nav";

    /** One step of a chain: a name as written, or an array index. */
    record Step(String name, int index) {
        boolean isIndex() {
            return name == null;
        }
    }

    private final List<List<Step>> chains = new ArrayList<>();
    private final List<SourcePosition> positions = new ArrayList<>();
    private final String masked;

    SuperNavigation(ScriptStatement statement) {
        String sql = statement.sql();
        StringBuilder out = new StringBuilder(sql);
        SqlLexer lexer = new SqlLexer(statement);
        SqlToken token = lexer.next();
        int shift = 0;
        while (token.kind() != SqlToken.Kind.END) {
            if (!token.isIdentifier()) {
                token = lexer.next();
                continue;
            }
            SqlToken first = token;
            List<Step> steps = new ArrayList<>(List.of(new Step(token.text(), -1)));
            boolean subscript = false;
            int end = token.offset() + token.text().length();
            token = lexer.next();
            while (token.offset() == end && (token.isSymbol(".") || token.isSymbol("["))) {
                SqlToken part = lexer.next();
                if (token.isSymbol(".") && part.isIdentifier() && part.offset() == end + 1) {
                    steps.add(new Step(part.text(), -1));
                    end = part.offset() + part.text().length();
                } else if (token.isSymbol("[") && part.kind() == SqlToken.Kind.NUMBER) {
                    SqlToken close = lexer.next();
                    if (!close.isSymbol("]")) {
                        throw new RedshiftSqlException(
                                close.position(), "Expected ] after the array index.");
                    }
                    steps.add(new Step(null, Integer.parseInt(part.text())));
                    subscript = true;
                    end = close.offset() + 1;
                } else {
                    token = part;
                    break;
                }
                token = lexer.next();
            }
            if (subscript) {
                String placeholder = PLACEHOLDER_PREFIX + chains.size() + "\"";
                int length = end - first.offset();
                String padded =
                        placeholder + " ".repeat(Math.max(0, length - placeholder.length()));
                out.replace(first.offset() + shift, end + shift, padded);
                shift += padded.length() - length;
                chains.add(steps);
                positions.add(first.position());
            }
        }
        this.masked = out.toString();
    }

    /** The statement with subscripted chains replaced by placeholders. */
    String masked() {
        return masked;
    }

    /** The chain a placeholder column name stands for, or null if it is no placeholder. */
    List<Step> chain(String columnName) {
        if (!columnName.startsWith(PLACEHOLDER_PREFIX)) {
            return null;
        }
        return chains.get(Integer.parseInt(columnName.substring(5, columnName.length() - 1)));
    }

    /** Splits {@code a."B".c} into its names as written, dots inside quotes kept. */
    static List<Step> split(String qualifiedName) {
        List<Step> steps = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < qualifiedName.length(); i++) {
            char c = qualifiedName.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                steps.add(new Step(qualifiedName.substring(start, i), -1));
                start = i + 1;
            }
        }
        steps.add(new Step(qualifiedName.substring(start), -1));
        return steps;
    }
}
