package org.streamingest.warehouse.catalog;

import org.streamingest.warehouse.view.ViewQuery;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How Flink's expanded definition query of a materialized table becomes a view's query. */
class MaterializedTablesTest {

    @Test
    void relationsOfThisCatalogLoseTheCatalogPartAndAreTheViewsInputs() {
        String expanded =
                "SELECT `s`.`partition_key`, JSON_PARSE(`s`.`kinesis_data`) AS `kinesis_data`\n"
                        + "FROM `w`.`kds`.`my_stream` AS `s`\n"
                        + "WHERE CAN_JSON_PARSE(`s`.`kinesis_data`)";

        ViewQuery query = MaterializedTables.viewQuery("w", expanded);

        assertThat(query.flinkSql())
                .isEqualTo(
                        "SELECT `s`.`partition_key`, JSON_PARSE(`s`.`kinesis_data`) AS"
                                + " `kinesis_data`\n"
                                + "FROM `kds`.`my_stream` AS `s`\n"
                                + "WHERE CAN_JSON_PARSE(`s`.`kinesis_data`)");
        assertThat(query.referencedTables()).containsExactly(new ObjectName("kds", "my_stream"));
        assertThat(query.redshiftSql()).isEqualTo(expanded);
        assertThat(query.groupByColumns()).isEmpty();
    }

    @Test
    void relationsOfOtherCatalogsStayAndEachInputIsNamedOnce() {
        String expanded =
                "SELECT * FROM `w`.`public`.`a` AS `a` JOIN `other`.`db`.`t` AS `t` ON TRUE"
                        + " JOIN `w`.`public`.`a` AS `b` ON TRUE JOIN `w`.`we``ird`.`x` AS `x` ON"
                        + " TRUE";

        ViewQuery query = MaterializedTables.viewQuery("w", expanded);

        assertThat(query.flinkSql())
                .isEqualTo(
                        "SELECT * FROM `public`.`a` AS `a` JOIN `other`.`db`.`t` AS `t` ON TRUE"
                                + " JOIN `public`.`a` AS `b` ON TRUE JOIN `we``ird`.`x` AS `x` ON"
                                + " TRUE");
        assertThat(query.referencedTables())
                .isEqualTo(List.of(new ObjectName("public", "a"), new ObjectName("we`ird", "x")));
    }
}
