package dev.crmkit.importer;

import dev.crmkit.core.importjob.ImportMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.importjob.FieldPolicy;
import dev.crmkit.core.importjob.OnDuplicate;
import java.nio.charset.Charset;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ImportOptionsTest {

    @Test
    void toBuilderKeepsEveryOptionAndChangesOnlyWhatIsSet() {
        ImportOptions options = ImportOptions.builder()
                .onDuplicate(OnDuplicate.UPDATE).mode(ImportMode.ATOMIC).dryRun(true).chunkSize(250)
                .encoding(Charset.forName("windows-1254")).delimiter(';').sheet("Müşteriler").sheet(2)
                .maxRows(5000).maxFileBytes(1_000_000).map("Cep", "phone").policy("email", FieldPolicy.NEVER)
                .clearToken("#SIL").numberFormat(NumberFormat.TURKISH).region("DE").zone(ZoneId.of("UTC"))
                .build();

        assertThat(options.toBuilder().build()).isEqualTo(options);
        ImportOptions changed = options.toBuilder().chunkSize(10).build();
        assertThat(changed.chunkSize()).isEqualTo(10);
        assertThat(changed).usingRecursiveComparison().ignoringFields("chunkSize").isEqualTo(options);
        assertThat(ImportOptions.defaults().toBuilder().build()).isEqualTo(ImportOptions.defaults());
    }

    @Test
    void aSettingGivenTwiceOnOneBuilderIsAMistake() {
        assertThatThrownBy(() -> ImportOptions.builder().chunkSize(10).chunkSize(20))
                .isInstanceOf(IllegalStateException.class).hasMessage("chunkSize was already set");
        assertThatThrownBy(() -> ImportOptions.builder().map("Cep", "phone").map("Cep", "fax"))
                .isInstanceOf(IllegalStateException.class).hasMessage("the mapping of Cep was already set");
        assertThatThrownBy(() -> ImportOptions.builder().zone(null).zone(ZoneId.of("UTC")))
                .isInstanceOf(IllegalStateException.class).hasMessage("zone was already set");
        // Different headers and fields are different settings; a copy's builder may change each once.
        ImportOptions options = ImportOptions.builder().map("Cep", "phone").map("GSM", "fax").chunkSize(10).build();
        assertThat(options.toBuilder().chunkSize(20).build().chunkSize()).isEqualTo(20);
    }
}
