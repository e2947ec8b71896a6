package org.streamingest.job.sql;

import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;

import java.util.Locale;
import java.util.Set;

/**
 * Prints a rewritten query as Flink SQL, giving SUPER values Redshift's dynamic typing. SUPER
 * values travel as JSON text in strings, so Flink alone would compare {@code "gold"} (with quotes)
 * to {@code 'gold'} and refuse {@code 7 = 3}. Where an operand is SUPER (navigation, JSON_PARSE, or
 * arithmetic on those), comparisons ({@code = <> != < <= > >=}, IN, BETWEEN) become {@code
 * SUPER_COMPARE}, arithmetic ({@code + - * / %}, unary minus) {@code SUPER_ARITHMETIC}, with the
 * other operand made SUPER by {@code TO_SUPER}; a cast reads the value with {@code
 * SUPER_TO_VARCHAR} (a string without its quotes), and a cast to a non-character type that fails
 * gives NULL, as Redshift's casts of SUPER values do.
 */
final class FlinkSqlPrinter extends ExpressionDeParser {

    static final String SUPER_COMPARE = "SUPER_COMPARE";
    static final String SUPER_ARITHMETIC = "SUPER_ARITHMETIC";
    static final String SUPER_TO_VARCHAR = "SUPER_TO_VARCHAR";
    static final String TO_SUPER = "TO_SUPER";

    /** Functions whose result is SUPER. */
    private static final Set<String> SUPER_FUNCTIONS =
            Set.of("json_parse", "super_path", "super_arithmetic", "to_super");

    /** Flink types a SUPER value casts to directly (its text). */
    private static final Set<String> CHARACTER_TYPES = Set.of("STRING", "VARCHAR", "CHAR");

    private FlinkSqlPrinter(StringBuilder out) {
        super(null, out);
    }

    /** The query as Flink SQL. */
    static String print(Select select) {
        StringBuilder out = new StringBuilder();
        FlinkSqlPrinter expressions = new FlinkSqlPrinter(out);
        SelectDeParser selects = new SelectDeParser(expressions, out);
        expressions.setSelectVisitor(selects);
        select.accept(
                (net.sf.jsqlparser.statement.select.SelectVisitor<StringBuilder>) selects, null);
        return out.toString();
    }

    /** Whether the expression is SUPER as written: navigation, JSON_PARSE, SUPER arithmetic. */
    static boolean isSuper(Expression expression) {
        if (expression instanceof Column column) {
            return column.getColumnName().startsWith(SelectTransformer.SUPER_PATH + "(");
        }
        if (expression instanceof Function function) {
            return function.getName() != null
                    && SUPER_FUNCTIONS.contains(function.getName().toLowerCase(Locale.ROOT));
        }
        if (expression instanceof Parenthesis parenthesis) {
            return isSuper(parenthesis.getExpression());
        }
        if (expression instanceof ExpressionList<?> list) {
            return list.size() == 1 && isSuper(list.get(0));
        }
        if (expression instanceof SignedExpression signed) {
            return isSuper(signed.getExpression());
        }
        if (isArithmetic(expression)) {
            BinaryExpression binary = (BinaryExpression) expression;
            return isSuper(binary.getLeftExpression()) || isSuper(binary.getRightExpression());
        }
        return false;
    }

    private static boolean isCondition(Expression expression) {
        return expression instanceof AndExpression || expression instanceof OrExpression;
    }

    private static boolean isArithmetic(Expression expression) {
        return expression instanceof Addition
                || expression instanceof Subtraction
                || expression instanceof Multiplication
                || expression instanceof Division
                || expression instanceof Modulo;
    }

    @Override
    public <S> StringBuilder visit(EqualsTo expression, S context) {
        return superBinary(expression, SUPER_COMPARE, context)
                ? builder
                : super.visit(expression, context);
    }

    @Override
    public <S> StringBuilder visit(NotEqualsTo expression, S context) {
        return superBinary(expression, SUPER_COMPARE, context)
                ? builder
                : super.visit(expression, context);
    }

    @Override
    public <S> StringBuilder visit(GreaterThan expression, S context) {
        return superBinary(expression, SUPER_COMPARE, context)
                ? builder
                : super.visit(expression, context);
    }

    @Override
    public <S> StringBuilder visit(GreaterThanEquals expression, S context) {
        return superBinary(expression, SUPER_COMPARE, context)
                ? builder
                : super.visit(expression, context);
    }

    @Override
    public <S> StringBuilder visit(MinorThan expression, S context) {
        return superBinary(expression, SUPER_COMPARE, context)
                ? builder
                : super.visit(expression, context);
    }

    @Override
    public <S> StringBuilder visit(MinorThanEquals expression, S context) {
        return superBinary(expression, SUPER_COMPARE, context)
                ? builder
                : super.visit(expression, context);
    }

    @Override
    public <S> StringBuilder visit(Addition expression, S context) {
        return superBinary(expression, SUPER_ARITHMETIC, context)
                ? builder
                : super.visit(expression, context);
    }

    @Override
    public <S> StringBuilder visit(Subtraction expression, S context) {
        return superBinary(expression, SUPER_ARITHMETIC, context)
                ? builder
                : super.visit(expression, context);
    }

    @Override
    public <S> StringBuilder visit(Multiplication expression, S context) {
        return superBinary(expression, SUPER_ARITHMETIC, context)
                ? builder
                : super.visit(expression, context);
    }

    @Override
    public <S> StringBuilder visit(Division expression, S context) {
        return superBinary(expression, SUPER_ARITHMETIC, context)
                ? builder
                : super.visit(expression, context);
    }

    @Override
    public <S> StringBuilder visit(Modulo expression, S context) {
        return superBinary(expression, SUPER_ARITHMETIC, context)
                ? builder
                : super.visit(expression, context);
    }

    /**
     * {@code -x} and {@code +x} of a SUPER value: {@code 0 - x}, {@code 0 + x} (NULL if no number).
     */
    @Override
    public <S> StringBuilder visit(SignedExpression expression, S context) {
        if (!isSuper(expression.getExpression())) {
            return super.visit(expression, context);
        }
        builder.append(SUPER_ARITHMETIC).append('(').append(TO_SUPER).append("(0), '");
        builder.append(expression.getSign()).append("', ");
        expression.getExpression().accept(this, context);
        builder.append(')');
        return builder;
    }

    /** {@code x [NOT] IN (a, b)} with x SUPER: {@code [NOT] (x = a OR x = b)} compared as SUPER. */
    @Override
    public <S> StringBuilder visit(InExpression expression, S context) {
        Expression left = expression.getLeftExpression();
        if (isCondition(expression.getRightExpression())) {
            // JSqlParser 5.3 reads "x IN (a) AND y" as "x IN ((a) AND y)": put the IN back on
            // the list, the leftmost operand of the condition (IN binds tighter than AND and OR)
            BinaryExpression parent = (BinaryExpression) expression.getRightExpression();
            while (isCondition(parent.getLeftExpression())) {
                parent = (BinaryExpression) parent.getLeftExpression();
            }
            InExpression in = new InExpression(left, parent.getLeftExpression());
            in.setNot(expression.isNot());
            parent.setLeftExpression(in);
            return expression.getRightExpression().accept(this, context);
        }
        if (!isSuper(left)
                || !(expression.getRightExpression() instanceof ExpressionList<?> list)) {
            return super.visit(expression, context);
        }
        builder.append(expression.isNot() ? "NOT (" : "(");
        for (int i = 0; i < list.size(); i++) {
            builder.append(i == 0 ? "" : " OR ");
            superCall(SUPER_COMPARE, left, "=", list.get(i), context);
        }
        builder.append(')');
        return builder;
    }

    /** {@code x [NOT] BETWEEN a AND b} with a SUPER side, compared as SUPER. */
    @Override
    public <S> StringBuilder visit(Between expression, S context) {
        Expression left = expression.getLeftExpression();
        Expression start = expression.getBetweenExpressionStart();
        Expression end = expression.getBetweenExpressionEnd();
        if (!isSuper(left) && !isSuper(start) && !isSuper(end)) {
            return super.visit(expression, context);
        }
        builder.append(expression.isNot() ? "NOT (" : "(");
        superCall(SUPER_COMPARE, left, ">=", start, context);
        builder.append(" AND ");
        superCall(SUPER_COMPARE, left, "<=", end, context);
        builder.append(')');
        return builder;
    }

    @Override
    public <S> StringBuilder visit(CastExpression cast, S context) {
        if (!isSuper(cast.getLeftExpression())) {
            return super.visit(cast, context);
        }
        String type = cast.getColDataType().toString();
        String base = type.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        builder.append(CHARACTER_TYPES.contains(base) ? "CAST(" : "TRY_CAST(");
        builder.append(SUPER_TO_VARCHAR).append('(');
        cast.getLeftExpression().accept(this, context);
        builder.append(") AS ").append(type).append(')');
        return builder;
    }

    private <S> boolean superBinary(BinaryExpression expression, String function, S context) {
        Expression left = expression.getLeftExpression();
        Expression right = expression.getRightExpression();
        if (!isSuper(left) && !isSuper(right)) {
            return false;
        }
        superCall(function, left, expression.getStringExpression(), right, context);
        return true;
    }

    private <S> void superCall(
            String function, Expression left, String operator, Expression right, S context) {
        builder.append(function).append('(');
        superOperand(left, context);
        builder.append(", '").append(operator).append("', ");
        superOperand(right, context);
        builder.append(')');
    }

    /** A SUPER operand as it is; anything else through TO_SUPER (NULL as a NULL SUPER value). */
    private <S> void superOperand(Expression operand, S context) {
        if (isSuper(operand)) {
            operand.accept(this, context);
        } else if (operand instanceof NullValue) {
            builder.append("CAST(NULL AS STRING)");
        } else {
            builder.append(TO_SUPER).append('(');
            operand.accept(this, context);
            builder.append(')');
        }
    }
}
