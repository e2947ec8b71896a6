package org.streamingest.functions;

import org.streamingest.functions.scalar.RedshiftScalarFunction;
import org.streamingest.functions.scalar.conditional.DecodeFunction;
import org.streamingest.functions.scalar.conditional.GreatestLeastFunction;
import org.streamingest.functions.scalar.conditional.Nvl2Function;
import org.streamingest.functions.scalar.conditional.NvlFunction;
import org.streamingest.functions.scalar.datetime.ConvertTimezoneFunction;
import org.streamingest.functions.scalar.datetime.DatePartValueFunction;
import org.streamingest.functions.scalar.datetime.DateTruncFunction;
import org.streamingest.functions.scalar.datetime.DateaddFunction;
import org.streamingest.functions.scalar.datetime.DatediffFunction;
import org.streamingest.functions.scalar.datetime.NowFunction;
import org.streamingest.functions.scalar.datetime.ToTimestampFunction;
import org.streamingest.functions.scalar.format.ToCharFunction;
import org.streamingest.functions.scalar.json.CanJsonParseFunction;
import org.streamingest.functions.scalar.json.IsValidJsonFunction;
import org.streamingest.functions.scalar.json.JsonArrayLengthFunction;
import org.streamingest.functions.scalar.json.JsonExtractArrayElementTextFunction;
import org.streamingest.functions.scalar.json.JsonExtractPathTextFunction;
import org.streamingest.functions.scalar.json.JsonParseFunction;
import org.streamingest.functions.scalar.json.JsonSerializeFunction;
import org.streamingest.functions.scalar.json.JsonTypeofFunction;
import org.streamingest.functions.scalar.json.SuperArithmeticFunction;
import org.streamingest.functions.scalar.json.SuperCompareFunction;
import org.streamingest.functions.scalar.json.SuperMeasureFunction;
import org.streamingest.functions.scalar.json.SuperPathFunction;
import org.streamingest.functions.scalar.json.SuperToVarcharFunction;
import org.streamingest.functions.scalar.json.SuperTypePredicate;
import org.streamingest.functions.scalar.json.SuperTypePredicateFunction;
import org.streamingest.functions.scalar.json.ToSuperFunction;
import org.streamingest.functions.scalar.math.LogFunction;
import org.streamingest.functions.scalar.varbyte.LenFunction;
import org.streamingest.functions.scalar.varbyte.VarbyteFunction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every function of the module, by lower-case name (the form Flink looks functions up by). */
public final class RedshiftFunctions {

    private static final Map<String, RedshiftScalarFunction> FUNCTIONS = index(all());

    private RedshiftFunctions() {}

    /** Name (lower case) to function, in declaration order. */
    public static Map<String, RedshiftScalarFunction> byName() {
        return FUNCTIONS;
    }

    private static List<RedshiftScalarFunction> all() {
        List<RedshiftScalarFunction> all = new ArrayList<>();
        // JSON and SUPER
        all.add(new JsonParseFunction());
        all.add(new CanJsonParseFunction());
        all.add(IsValidJsonFunction.object());
        all.add(IsValidJsonFunction.array());
        all.add(JsonSerializeFunction.toVarchar());
        all.add(JsonSerializeFunction.toVarbyte());
        all.add(new JsonTypeofFunction());
        all.add(new JsonExtractPathTextFunction());
        all.add(new JsonExtractArrayElementTextFunction());
        all.add(new JsonArrayLengthFunction());
        for (SuperMeasureFunction.Measure measure : SuperMeasureFunction.Measure.values()) {
            all.add(new SuperMeasureFunction(measure));
        }
        for (SuperTypePredicate test : SuperTypePredicate.values()) {
            all.add(new SuperTypePredicateFunction(test));
        }
        all.add(new SuperPathFunction());
        all.add(new SuperCompareFunction());
        all.add(new SuperArithmeticFunction());
        all.add(new SuperToVarcharFunction());
        all.add(new ToSuperFunction());
        // VARBYTE and strings
        all.add(VarbyteFunction.fromVarbyte());
        all.add(VarbyteFunction.toVarbyte());
        all.add(new LenFunction());
        // date and time
        all.add(NowFunction.getdate());
        all.add(NowFunction.sysdate());
        all.add(new DateaddFunction());
        all.add(new DatediffFunction());
        all.add(new DateTruncFunction());
        all.add(DatePartValueFunction.datePart());
        all.add(DatePartValueFunction.pgdatePart());
        all.add(new ToTimestampFunction());
        all.add(new ConvertTimezoneFunction());
        // NULL handling and conditions
        all.add(new NvlFunction());
        all.add(new Nvl2Function());
        all.add(new DecodeFunction());
        all.add(GreatestLeastFunction.greatest());
        all.add(GreatestLeastFunction.least());
        // math
        all.add(new LogFunction());
        // data type formatting
        all.add(new ToCharFunction());
        return List.copyOf(all);
    }

    private static Map<String, RedshiftScalarFunction> index(List<RedshiftScalarFunction> all) {
        Map<String, RedshiftScalarFunction> byName = new LinkedHashMap<>();
        for (RedshiftScalarFunction function : all) {
            String key = function.name().toLowerCase(Locale.ROOT);
            if (byName.put(key, function) != null) {
                throw new IllegalStateException("Function " + key + " is declared twice.");
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
