package org.streamingest.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which statements the endpoint answers with its module order instead of loading twice. */
class RedshiftModulesTest {

    @Test
    void init_sqlsLoadModuleWithItsCommentsIsRecognised() {
        assertThat(
                        RedshiftModules.loadsRedshift(
                                "-- Redshift's functions: JSON_PARSE, CAN_JSON_PARSE, ...\n"
                                        + "LOAD MODULE redshift"))
                .isTrue();
        assertThat(RedshiftModules.loadsRedshift("load module `redshift`;")).isTrue();
        assertThat(RedshiftModules.loadsRedshift("/* first */ LOAD  MODULE\nredshift ; ")).isTrue();
    }

    @Test
    void otherModulesAndOptionsGoThroughUnchanged() {
        assertThat(RedshiftModules.loadsRedshift("LOAD MODULE hive")).isFalse();
        assertThat(RedshiftModules.loadsRedshift("LOAD MODULE redshift WITH ('a' = 'b')"))
                .isFalse();
        assertThat(RedshiftModules.loadsRedshift("UNLOAD MODULE redshift")).isFalse();
        assertThat(RedshiftModules.loadsRedshift("SELECT 'LOAD MODULE redshift'")).isFalse();
    }
}
