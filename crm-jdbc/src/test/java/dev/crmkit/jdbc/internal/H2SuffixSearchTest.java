package dev.crmkit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.inmemory.InMemoryStorage;
import dev.crmkit.jdbc.JdbcStorage;
import dev.crmkit.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * H2's suffix index against the reference: 12,000 customers stored both in H2 and in the
 * in-memory adapter give the same pages for common terms (answered by walking the sort order),
 * rare ones (answered through the index) and short ones; the migration's SQL computes the same
 * index keys as the adapter; and H2's plans use the indexes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2SuffixSearchTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final Actor ADMIN = Actor.admin(ACME, "boss");
    private static final String[] GIVEN = {"Ayşe", "Mehmet", "Işık", "Çağrı", "Gülşen", "İsmail", "Zeynep", "Emre"};
    private static final String[] FAMILY = {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Kayseri Doğan"};
    private static final int CUSTOMERS = 12_000;

    private Crm h2;
    private Crm reference;
    private DataSource ds;

    @BeforeAll
    void fill() {
        JdbcStorage storage = TestDatabases.emptyH2Storage();
        ds = TestDatabases.h2();
        Storage memory = InMemoryStorage.create();
        Random random = new Random(7);
        List<CustomerRecord> records = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < CUSTOMERS; i++) {
            String name = GIVEN[random.nextInt(GIVEN.length)] + " " + FAMILY[random.nextInt(FAMILY.length)];
            Instant at = t.plusSeconds(random.nextInt(1_000_000));
            records.add(CustomerRecord.builder(name, PhoneNumber.of("+90532" + String.format("%07d", i)), at)
                    .email(random.nextInt(3) == 0 ? "kisi" + i + "@ornek.com.tr" : null)
                    .company(random.nextInt(4) == 0 ? "İstanbul Lojistik " + (i % 97) : null)
                    .totalContacts(random.nextInt(30)).build());
        }
        storage.write(ACME, s -> s.customers().insertAll(records));
        memory.write(ACME, s -> s.customers().insertAll(records));
        h2 = Crm.builder(storage).build();
        reference = Crm.builder(memory).build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ayşe", "kaya", "ayse kaya", "yse", "kayseri", "ay", "a", "kisi1234", "ornek.com",
        "istanbul 42", "0532 000 12", "05320001234", "lojistik 5", "işık çelik", "zzz", "mehmet kisi77"})
    void pagesAreTheReferencePages(String text) {
        for (CustomerSort sort : CustomerSort.values()) {
            assertThat(allPages(h2, text, sort)).as(text + " by " + sort).isEqualTo(allPages(reference, text, sort));
            assertThat(h2.customers().count(ADMIN, CustomerQuery.builder().text(text).build()))
                    .isEqualTo(reference.customers().count(ADMIN, CustomerQuery.builder().text(text).build()));
        }
    }

    private static List<String> allPages(Crm crm, String text, CustomerSort sort) {
        List<String> phones = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = crm.customers().search(ADMIN,
                    CustomerQuery.builder().text(text).sort(sort).limit(200).cursor(cursor).build());
            page.items().stream().map(Customer::phone).map(Object::toString).forEach(phones::add);
            cursor = page.nextCursor();
        } while (cursor != null && ++pages < 5);
        return phones;
    }

    @Test
    void theMigrationComputesTheAdaptersKeys() throws SQLException, java.io.IOException {
        Random random = new Random(11);
        String alphabet = "aeiouçğışöü0123456789@.-_ \n\t\u00a0xyzqw";
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE LOCAL TEMPORARY TABLE texts (id bigint, search_text varchar)");
            List<String> texts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO texts VALUES (?, ?)")) {
                for (int i = 0; i < 300; i++) {
                    StringBuilder sb = new StringBuilder();
                    int n = random.nextInt(60);
                    for (int k = 0; k < n; k++) {
                        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    texts.add(sb.toString());
                    ps.setLong(1, i);
                    ps.setString(2, sb.toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            for (int i = 0; i < texts.size(); i++) {
                Set<String> fromSql = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement(migrationSelect())) {
                    ps.setLong(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            fromSql.add(rs.getString(1));
                        }
                    }
                }
                assertThat(fromSql).as("keys of %s", texts.get(i).replace("\n", "\\n"))
                        .isEqualTo(SuffixIndex.keys(texts.get(i)));
            }
        }
    }

    /** The migration's own SELECT, run on the test's texts instead of the customers. */
    private static String migrationSelect() throws java.io.IOException {
        String script;
        try (var in = SuffixIndex.class.getResourceAsStream("/db/crmkit/h2/V2__search_suffixes.sql")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String select = script.substring(script.indexOf("SELECT DISTINCT"), script.lastIndexOf(';'));
        assertThat(select).contains("FROM crm_customer c");
        return select.replace("SELECT DISTINCT tenant, suffix, id", "SELECT DISTINCT suffix")
                .replace("c.tenant, c.id,", "c.id,")
                .replace("FROM crm_customer c", "FROM texts c")
                .replace("AS positions", "AS positions WHERE id = ?").replace("\nWHERE CHAR_LENGTH", "\nAND CHAR_LENGTH");
    }

    @Test
    void aSelectiveTermDrivesTheQueryThroughTheSuffixIndex() throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThat(SuffixIndex.drivingTerm(c, "acme", List.of("kaya", "kisi1234"))).isEqualTo("kisi1234");
            assertThat(SuffixIndex.drivingTerm(c, "acme", List.of("ayse"))).as("too common to drive").isNull();
            assertThat(SuffixIndex.drivingTerm(c, "acme", List.of("yse"))).as("too short for the index").isNull();
            var q = SearchSql.select("acme", new dev.crmkit.core.spi.CustomerCriteria(List.of("kisi1234"), Set.of(),
                    Set.of(), null, null, null, CustomerSort.UPDATED, null, 50), "kisi1234");
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + q.sql())) {
                q.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String plan = rs.getString(1);
                    System.out.println("H2 plan: search 'kisi1234'\n" + plan);
                    assertThat(plan).containsIgnoringCase("PRIMARY_KEY").containsIgnoringCase("SUFFIX >=");
                }
            }
        }
    }
}
