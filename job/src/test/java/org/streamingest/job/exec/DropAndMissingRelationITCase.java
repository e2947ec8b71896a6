package org.streamingest.job.exec;

import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.kinesis.testing.TestStream;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DROP MATERIALIZED VIEW deletes the view's savepoints with its table; views and queries over a
 * missing schema, table or stream fail with Redshift's message before anything runs.
 */
class DropAndMissingRelationITCase extends WarehouseSessionTestBase {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void dropDeletesTheSavepoints() throws Exception {
        TestStream stream = KINESIS.streams().createNamed("drop_me", 1);
        run(
                "CREATE MATERIALIZED VIEW v AS SELECT partition_key, kinesis_data"
                        + " FROM kds.drop_me");
        stream.putStrings("a", "b");
        assertThat(run("REFRESH MATERIALIZED VIEW v").rowsAdded()).isEqualTo(2);
        Path savepoints = Path.of(URI.create(warehouse.location().savepoints("public", "v")));
        try (var files = Files.list(savepoints)) {
            assertThat(files).hasSize(1);
        }
        List<Row> rows = run("SELECT kinesis_data FROM v").query().rows();
        assertThat(rows).hasSize(2);

        assertThat(run("DROP MATERIALIZED VIEW v").message()).isEqualTo("DROP MATERIALIZED VIEW");
        assertThat(savepoints).doesNotExist();
        assertThatThrownBy(() -> run("SELECT * FROM v"))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("Relation \"public.v\" does not exist");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void missingRelationsAreNamed() {
        assertThatThrownBy(() -> run("CREATE MATERIALIZED VIEW w AS SELECT * FROM nosuch.s"))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("Schema \"nosuch\" does not exist");
        assertThatThrownBy(() -> run("CREATE MATERIALIZED VIEW w AS SELECT * FROM kds.no_stream"))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("Relation \"kds.no_stream\" does not exist")
                .hasMessageContaining("no Kinesis stream named \"no_stream\"");
        assertThatThrownBy(() -> run("CREATE MATERIALIZED VIEW w AS SELECT * FROM missing"))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("Relation \"public.missing\" does not exist");
        assertThatThrownBy(() -> run("SELECT * FROM nosuch.t"))
                .isInstanceOf(RedshiftSqlException.class)
                .hasMessageContaining("Schema \"nosuch\" does not exist");
    }
}
