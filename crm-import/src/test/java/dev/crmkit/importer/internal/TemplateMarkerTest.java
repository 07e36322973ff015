package dev.crmkit.importer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.importer.source.RecordSource;
import dev.crmkit.importer.source.SourceFormat;
import dev.crmkit.importer.source.SourceInfo;
import dev.crmkit.importer.source.SourceRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateMarkerTest {

    @Test
    void theRowsUpToAndIncludingTheMarkerAreNoRecords() {
        TemplateMarker records = new TemplateMarker(rows(
                List.of("Ayşe Yılmaz", "0530 123 45 67"),
                List.of("  ##### Kayıtlarınızı bu satırın altına yazın"),
                List.of("Mehmet Öztürk", "0530 123 45 67")));

        assertThat(records.markerRow()).isEqualTo(3);
        assertThat(drain(records)).extracting(SourceRecord::rowNumber).containsExactly(4L);
    }

    @Test
    void aFileWithoutAMarkerIsReadWhole() {
        TemplateMarker records = new TemplateMarker(rows(List.of("Ayşe", "1"), List.of("#### four are not five"),
                List.of("Mehmet", "2")));

        assertThat(records.markerRow()).isZero();
        assertThat(drain(records)).extracting(SourceRecord::rowNumber).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aMarkerFarBelowTheHeaderIsARecordLikeAnyOther() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < TemplateMarker.LOOKAHEAD; i++) {
            rows.add(List.of("Müşteri " + i, "1"));
        }
        rows.add(List.of("##### late"));
        TemplateMarker records = new TemplateMarker(rows(rows.toArray(List[]::new)));

        assertThat(records.markerRow()).isZero();
        assertThat(drain(records)).hasSize(TemplateMarker.LOOKAHEAD + 1);
    }

    /** The given rows below a header in row 1, numbered from 2. */
    @SafeVarargs
    private static RecordSource rows(List<String>... rows) {
        Deque<SourceRecord> records = new ArrayDeque<>();
        for (int i = 0; i < rows.length; i++) {
            records.add(new SourceRecord(i + 2, rows[i]));
        }
        return new RecordSource() {
            @Override
            public SourceRecord next() {
                return records.poll();
            }

            @Override
            public SourceInfo info() {
                return new SourceInfo(SourceFormat.CSV, "UTF-8", ';', null, 0);
            }

            @Override
            public long bytesRead() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<SourceRecord> drain(RecordSource source) {
        List<SourceRecord> out = new ArrayList<>();
        for (SourceRecord r = source.next(); r != null; r = source.next()) {
            out.add(r);
        }
        return out;
    }
}
