package org.streamingest.job.sql;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every row of super-compatibility.tsv (docs/sql.md's SUPER table) through the Redshift front end
 * and Flink, with the Redshift module as the product's sessions load it.
 */
@Timeout(300)
class SuperCompatibilityITCase {

    private static TableEnvironment tEnv;

    @BeforeAll
    static void setUp() {
        tEnv = FlinkSqlFixture.create();
    }

    static List<SuperCompatibility.Row> rows() {
        return SuperCompatibility.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void givesRedshiftsResult(SuperCompatibility.Row row) {
        if (row.isError()) {
            assertThatThrownBy(() -> run(row))
                    .hasStackTraceContaining(row.result().substring("ERROR: ".length()));
            return;
        }
        Object value = run(row);

        assertThat(value == null ? "NULL" : value.toString()).isEqualTo(row.result());
    }

    private static Object run(SuperCompatibility.Row row) {
        Statement.Query query =
                (Statement.Query) new RedshiftSqlParser().parseScript(row.query()).get(0);
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(query.flinkSql()).collect()) {
            it.forEachRemaining(rows::add);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(rows).hasSize(1);
        return rows.get(0).getField(0);
    }
}
