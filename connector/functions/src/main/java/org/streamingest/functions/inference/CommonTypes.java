package org.streamingest.functions.inference;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.table.types.logical.utils.LogicalTypeMerging;
import org.apache.flink.table.types.utils.TypeConversions;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The common type of several arguments, as Redshift's NVL, NVL2 and DECODE need it. Flink types a
 * string literal as CHAR(n), Redshift as VARCHAR: a common CHAR type becomes VARCHAR so that {@code
 * NVL('a', 'bcd')} is {@code 'a'}, not {@code 'a '}.
 */
public final class CommonTypes {

    private CommonTypes() {}

    /** The common type, empty if there is none; all-NULL arguments are VARCHAR. */
    public static Optional<DataType> of(List<LogicalType> types) {
        if (types.stream().allMatch(t -> t.is(LogicalTypeRoot.NULL))) {
            return Optional.of(DataTypes.STRING());
        }
        return LogicalTypeMerging.findCommonType(types)
                .map(CommonTypes::charToVarchar)
                .map(TypeConversions::fromLogicalToDataType);
    }

    private static LogicalType charToVarchar(LogicalType type) {
        if (type instanceof CharType c) {
            return new VarCharType(c.isNullable(), Math.max(1, c.getLength()));
        }
        return type;
    }

    /** The types for a message, e.g. {@code INT, CHAR(3)}. */
    public static String describe(List<LogicalType> types) {
        return types.stream().map(LogicalType::asSummaryString).collect(Collectors.joining(", "));
    }
}
