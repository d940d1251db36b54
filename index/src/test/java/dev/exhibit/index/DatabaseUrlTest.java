package dev.exhibit.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void postgresqlUrl_keepsHostPortDatabaseUserAndTlsOptions() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://jane@db.lab:5433/case42?sslmode=verify-full");
        assertThat(u.isSqlite()).isFalse();
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.lab:5433/case42?sslmode=verify-full");
        assertThat(u.user()).isEqualTo("jane");
        assertThat(u.text()).isEqualTo("postgresql://jane@db.lab:5433/case42?sslmode=verify-full");
    }

    @Test
    void aPasswordInTheUrl_isRefused_withoutRepeatingIt() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://jane:hunter2@db.lab/case42"))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("holds a password")
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((ExhibitException) e).kind())
                .isEqualTo(ExhibitException.Kind.USAGE);
    }

    @Test
    void sqlite_isAFileNameOrSqliteUrl_andOtherSchemesAreRefused() {
        assertThat(DatabaseUrl.parse("sqlite:/cases/42/case.db").sqliteFile()).isEqualTo(Path.of("/cases/42/case.db"));
        assertThat(DatabaseUrl.parse("/cases/42/other.db").jdbcUrl()).isEqualTo("jdbc:sqlite:/cases/42/other.db");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://db.lab/case42")).hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://db.lab/")).hasMessageContaining("HOST[:PORT]/DB");
    }
}
