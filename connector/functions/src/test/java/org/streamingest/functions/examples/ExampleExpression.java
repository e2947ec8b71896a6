package org.streamingest.functions.examples;

import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BinaryType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.NullType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarCharType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The calls of the example table as a tree: function calls over literals typed as Flink types them
 * ({@code 'abc'} is CHAR(3), {@code x'61'} BINARY(1), {@code 12} INT), plus {@code CAST(NULL AS
 * type)}. Enough for the examples; not a SQL parser.
 */
public sealed interface ExampleExpression {

    /** A literal with its Flink type; {@code value} is null for NULL. */
    record Literal(Object value, LogicalType type) implements ExampleExpression {}

    /** A function call. */
    record Call(String name, List<ExampleExpression> arguments) implements ExampleExpression {}

    /** Parses one call or literal. */
    static ExampleExpression parse(String text) {
        Parser parser = new Parser(text);
        ExampleExpression expression = parser.expression();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text");
        }
        return expression;
    }

    /** A recursive-descent reader over the call text. */
    final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        ExampleExpression expression() {
            skipSpaces();
            char c = text.charAt(pos);
            if (c == '\'') {
                String value = quoted();
                return new Literal(
                        value,
                        value.isEmpty()
                                ? CharType.ofEmptyLiteral()
                                : new CharType(false, value.length()));
            }
            if ((c == 'x' || c == 'X') && text.startsWith("'", pos + 1)) {
                pos++;
                byte[] bytes = HexFormat.of().parseHex(quoted());
                return new Literal(bytes, new BinaryType(false, bytes.length));
            }
            if (Character.isDigit(c) || c == '-') {
                return number();
            }
            String word = word();
            switch (word.toUpperCase(Locale.ROOT)) {
                case "NULL":
                    return new Literal(null, new NullType());
                case "TRUE":
                    return new Literal(true, new BooleanType(false));
                case "FALSE":
                    return new Literal(false, new BooleanType(false));
                case "DATE":
                    skipSpaces();
                    return new Literal(LocalDate.parse(quoted()), new DateType(false));
                case "TIMESTAMP":
                    skipSpaces();
                    String timestamp = quoted();
                    int dot = timestamp.indexOf('.');
                    int precision = dot < 0 ? 0 : timestamp.length() - dot - 1;
                    return new Literal(
                            LocalDateTime.parse(timestamp.replace(' ', 'T')),
                            new TimestampType(false, precision));
                case "CAST":
                    return cast();
                default:
                    return call(word);
            }
        }

        private ExampleExpression call(String name) {
            expect('(');
            List<ExampleExpression> arguments = new ArrayList<>();
            skipSpaces();
            if (text.charAt(pos) != ')') {
                arguments.add(expression());
                skipSpaces();
                while (text.charAt(pos) == ',') {
                    pos++;
                    arguments.add(expression());
                    skipSpaces();
                }
            }
            expect(')');
            return new Call(name, arguments);
        }

        private ExampleExpression cast() {
            expect('(');
            ExampleExpression value = expression();
            if (!(value instanceof Literal literal) || literal.value() != null) {
                throw error("only CAST(NULL AS type) is supported");
            }
            skipSpaces();
            if (!word().equalsIgnoreCase("AS")) {
                throw error("expected AS");
            }
            skipSpaces();
            String type = word().toUpperCase(Locale.ROOT);
            expect(')');
            return new Literal(
                    null,
                    switch (type) {
                        case "VARCHAR" -> new VarCharType(true, VarCharType.MAX_LENGTH);
                        case "INT" -> new IntType(true);
                        case "BIGINT" -> new BigIntType(true);
                        case "DATE" -> new DateType(true);
                        case "BOOLEAN" -> new BooleanType(true);
                        default -> throw error("unsupported CAST type " + type);
                    });
        }

        private ExampleExpression number() {
            int start = pos;
            if (text.charAt(pos) == '-') {
                pos++;
            }
            while (pos < text.length()
                    && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String digits = text.substring(start, pos);
            if (digits.contains(".")) {
                BigDecimal value = new BigDecimal(digits);
                return new Literal(value, new DecimalType(false, value.precision(), value.scale()));
            }
            long value = Long.parseLong(digits);
            return value == (int) value
                    ? new Literal((int) value, new IntType(false))
                    : new Literal(value, new BigIntType(false));
        }

        private String quoted() {
            expect('\'');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (pos < text.length() && text.charAt(pos) == '\'') {
                        value.append('\'');
                        pos++;
                    } else {
                        return value.toString();
                    }
                } else {
                    value.append(c);
                }
            }
        }

        private String word() {
            int start = pos;
            while (pos < text.length()
                    && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a name");
            }
            return text.substring(start, pos);
        }

        private void expect(char c) {
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at position " + pos + " of " + text);
        }
    }
}
