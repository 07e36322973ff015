package dev.crmkit.importer.internal;

import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.NumberFormat;
import dev.crmkit.importer.source.SourceLimits;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores import options in a job's settings and reads them back, so that any process resuming a
 * job reads the file exactly as the one that started it.
 */
public final class OptionsCodec {

    private static final String MAPPING = "mapping.";

    private OptionsCodec() {
    }

    public static Map<String, String> encode(ImportOptions o) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("chunkSize", Integer.toString(o.chunkSize()));
        if (o.encoding() != null) {
            m.put("encoding", o.encoding().name());
        }
        if (o.delimiter() != null) {
            m.put("delimiter", o.delimiter().toString());
        }
        if (o.sheetName() != null) {
            m.put("sheetName", o.sheetName());
        }
        m.put("sheetIndex", Integer.toString(o.sheetIndex()));
        SourceLimits l = o.limits();
        m.put("maxFileBytes", Long.toString(l.maxFileBytes()));
        m.put("maxRows", Long.toString(l.maxRows()));
        m.put("maxCellChars", Integer.toString(l.maxCellChars()));
        m.put("maxInflatedBytes", Long.toString(l.maxInflatedBytes()));
        m.put("minInflateRatio", Double.toString(l.minInflateRatio()));
        if (o.clearToken() != null) {
            m.put("clearToken", o.clearToken());
        }
        m.put("numberFormat", o.numberFormat().name());
        if (o.region() != null) {
            m.put("region", o.region());
        }
        if (o.zone() != null) {
            m.put("zone", o.zone().getId());
        }
        o.columnMapping().forEach((header, field) -> m.put(MAPPING + header, field));
        return m;
    }

    /** The options of a stored job. */
    public static ImportOptions decode(ImportJob job) {
        Map<String, String> m = job.settings();
        ImportOptions.Builder b = ImportOptions.builder()
                .onDuplicate(job.onDuplicate())
                .mode(job.mode())
                .dryRun(job.dryRun())
                .chunkSize(Integer.parseInt(m.getOrDefault("chunkSize", Integer.toString(ImportOptions.DEFAULT_CHUNK_SIZE))))
                .sheet(Integer.parseInt(m.getOrDefault("sheetIndex", "0")))
                .limits(new SourceLimits(
                        Long.parseLong(m.getOrDefault("maxFileBytes", Long.toString(SourceLimits.DEFAULT.maxFileBytes()))),
                        Long.parseLong(m.getOrDefault("maxRows", Long.toString(SourceLimits.DEFAULT.maxRows()))),
                        Integer.parseInt(m.getOrDefault("maxCellChars", Integer.toString(SourceLimits.DEFAULT.maxCellChars()))),
                        Long.parseLong(m.getOrDefault("maxInflatedBytes",
                                Long.toString(SourceLimits.DEFAULT.maxInflatedBytes()))),
                        Double.parseDouble(m.getOrDefault("minInflateRatio",
                                Double.toString(SourceLimits.DEFAULT.minInflateRatio())))))
                .clearToken(m.get("clearToken"))
                .numberFormat(NumberFormat.valueOf(m.getOrDefault("numberFormat", NumberFormat.AUTO.name())))
                .region(m.get("region"))
                .zone(m.containsKey("zone") ? ZoneId.of(m.get("zone")) : null);
        if (m.containsKey("encoding")) {
            b.encoding(Charset.forName(m.get("encoding")));
        }
        if (m.containsKey("delimiter")) {
            b.delimiter(m.get("delimiter").charAt(0));
        }
        if (m.containsKey("sheetName")) {
            b.sheet(m.get("sheetName"));
        }
        m.forEach((key, value) -> {
            if (key.startsWith(MAPPING)) {
                b.map(key.substring(MAPPING.length()), value);
            }
        });
        job.policies().forEach((field, policy) -> b.policy(field, policy));
        return b.build();
    }
}
