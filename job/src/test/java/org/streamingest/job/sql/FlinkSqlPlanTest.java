package org.streamingest.job.sql;

import org.apache.flink.table.api.TableEnvironment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Flink's planner accepts the rewritten seed SELECT (names resolve, functions type-check). */
class FlinkSqlPlanTest {

    @Test
    void rewrittenSeedSelectPlansOnFlink() {
        TableEnvironment tEnv = FlinkSqlFixture.create();
        Statement.CreateMaterializedView view =
                (Statement.CreateMaterializedView)
                        new RedshiftSqlParser().parseScript(SelectRewriterTest.SEED_VIEW).get(0);

        String plan = tEnv.explainSql(view.query().flinkSql());

        assertThat(plan).contains("JSON_PARSE").contains("CAN_JSON_PARSE");
    }

    @Test
    void redshiftSpellingsPlanOnFlink() {
        TableEnvironment tEnv = FlinkSqlFixture.create();
        Statement.Query query =
                (Statement.Query)
                        new RedshiftSqlParser()
                                .parseScript(
                                        "SELECT TOP 2 shard_id, sysdate AS now, GETDATE(),"
                                                + " sequence_number::bigint,"
                                                + " approximate_arrival_timestamp::date,"
                                                + " FROM_VARBYTE(kinesis_data, 'hex')"
                                                + " FROM kds.my_stream_name ORDER BY 1")
                                .get(0);

        assertThat(tEnv.explainSql(query.flinkSql())).contains("SYSDATE").contains("Limit");
    }
}
