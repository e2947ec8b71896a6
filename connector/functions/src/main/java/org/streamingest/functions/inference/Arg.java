package org.streamingest.functions.inference;

import org.streamingest.functions.json.SuperValues;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One parameter of a Redshift function signature: its name, the Redshift type shown to users, which
 * Flink types it accepts and the type Flink casts the argument to before the call.
 */
public final class Arg {

    /** Strings reach functions as internal UTF-8 {@link StringData}, never decoded. */
    public static final DataType STRING = DataTypes.STRING().bridgedTo(StringData.class);

    private final String name;
    private final String typeName;
    private final Predicate<LogicalType> accepts;
    private final Function<LogicalType, DataType> target;

    private Arg(
            String name,
            String typeName,
            Predicate<LogicalType> accepts,
            Function<LogicalType, DataType> target) {
        this.name = name;
        this.typeName = typeName;
        this.accepts = accepts;
        this.target = target;
    }

    /** A custom parameter. */
    public static Arg of(
            String name,
            String typeName,
            Predicate<LogicalType> accepts,
            Function<LogicalType, DataType> target) {
        return new Arg(name, typeName, accepts, target);
    }

    /** CHAR or VARCHAR, passed as {@link StringData}. */
    public static Arg varchar(String name) {
        return new Arg(name, "VARCHAR", t -> t.is(LogicalTypeFamily.CHARACTER_STRING), t -> STRING);
    }

    /** BINARY or VARBINARY (Redshift's VARBYTE), passed as {@code byte[]}. */
    public static Arg varbyte(String name) {
        return new Arg(
                name,
                "VARBYTE",
                t -> t.is(LogicalTypeFamily.BINARY_STRING),
                t -> DataTypes.BYTES());
    }

    /** A SUPER value: JSON text in a string (see {@link SuperValues}). */
    public static Arg superValue(String name) {
        return new Arg(
                name,
                SuperValues.TYPE_NAME,
                t -> t.is(LogicalTypeFamily.CHARACTER_STRING),
                t -> SuperValues.DATA_TYPE);
    }

    /** BOOLEAN. */
    public static Arg bool(String name) {
        return new Arg(
                name, "BOOLEAN", t -> t.is(LogicalTypeRoot.BOOLEAN), t -> DataTypes.BOOLEAN());
    }

    /** Any exact integer type, passed as {@code Integer}. */
    public static Arg integer(String name) {
        return new Arg(
                name,
                "INTEGER",
                t -> t.is(LogicalTypeFamily.INTEGER_NUMERIC),
                t -> DataTypes.INT());
    }

    /** Any exact integer type, passed as {@code Long}. */
    public static Arg bigint(String name) {
        return new Arg(
                name,
                "BIGINT",
                t -> t.is(LogicalTypeFamily.INTEGER_NUMERIC),
                t -> DataTypes.BIGINT());
    }

    /**
     * A date or time stamp: DATE ({@code LocalDate}), TIMESTAMP ({@code LocalDateTime}),
     * TIMESTAMPTZ = Flink's TIMESTAMP_LTZ ({@code Instant}) or a string Redshift would convert
     * implicitly ({@code StringData}).
     */
    public static Arg datetime(String name) {
        return new Arg(
                name,
                "TIMESTAMP",
                t ->
                        t.is(LogicalTypeRoot.DATE)
                                || t.is(LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE)
                                || t.is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE)
                                || t.is(LogicalTypeFamily.CHARACTER_STRING),
                Arg::datetimeTarget);
    }

    private static DataType datetimeTarget(LogicalType t) {
        if (t.is(LogicalTypeRoot.DATE)) {
            return DataTypes.DATE();
        }
        if (t.is(LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE)) {
            return DataTypes.TIMESTAMP(LogicalTypeChecks.getPrecision(t));
        }
        if (t.is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE)) {
            return DataTypes.TIMESTAMP_LTZ(LogicalTypeChecks.getPrecision(t));
        }
        if (t.is(LogicalTypeFamily.CHARACTER_STRING)) {
            return STRING;
        }
        return DataTypes.TIMESTAMP(6);
    }

    public String name() {
        return name;
    }

    public String typeName() {
        return typeName;
    }

    /** Whether an argument of this type fits; an untyped NULL fits every parameter. */
    public boolean accepts(LogicalType type) {
        return type.is(LogicalTypeRoot.NULL) || accepts.test(type);
    }

    /** The type the argument is cast to before the call. */
    public DataType target(LogicalType actual) {
        return target.apply(actual);
    }

    @Override
    public String toString() {
        return name + " " + typeName;
    }
}
