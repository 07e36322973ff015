package dev.crmkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.SearchTerm;
import dev.crmkit.inmemory.InMemoryStorage;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CustomerGeneratorTest {

    private static final int N = 10_000;
    private final CustomerGenerator generator = new CustomerGenerator();

    @Test
    @DisplayName("the same seed gives the same customers, another seed others")
    void isDeterministic() {
        List<NewCustomer> first = generate(new CustomerGenerator(CustomerGenerator.DEFAULT_SEED));
        List<NewCustomer> again = generate(new CustomerGenerator(CustomerGenerator.DEFAULT_SEED));
        List<NewCustomer> other = generate(new CustomerGenerator(7));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(generator.customer(N - 1)).isEqualTo(first.get(N - 1));
    }

    @Test
    @DisplayName("every phone is a valid Turkish mobile, distinct, and parses to the generator's E.164")
    void phonesAreValidAndUnique() {
        PhoneParser parser = PhoneParser.forRegion("TR");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < N; i++) {
            String e164 = parser.parse(generator.customer(i).phone()).e164();
            assertThat(e164).isEqualTo(generator.e164(i)).matches("\\+905[345]\\d{8}");
            assertThat(parser.parse(generator.nationalPhone(i)).e164()).isEqualTo(e164);
            assertThat(seen.add(e164)).as("phone %s repeats at %d", e164, i).isTrue();
        }
    }

    @Test
    @DisplayName("names keep their Turkish letters, and the rare surname is rare")
    void namesAreTurkish() {
        List<NewCustomer> customers = generate(generator);
        assertThat(customers).anyMatch(c -> c.fullName().contains("ş"))
                .anyMatch(c -> c.fullName().contains("ı"))
                .anyMatch(c -> c.fullName().startsWith("İ"))
                .anyMatch(c -> c.value(CustomerField.COMPANY) instanceof String company && company.contains("İstanbul"));
        long rare = customers.stream().filter(c -> c.fullName().endsWith(CustomerGenerator.RARE_SURNAME)).count();
        assertThat(rare).isLessThan(10);
    }

    @Test
    @DisplayName("the store accepts every generated customer")
    void customersAreValid() {
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Actor actor = PreloadedCrm.benchActor();
        for (int i = 0; i < N; i++) {
            crm.customers().create(actor, generator.customer(i));
        }
        assertThat(crm.customers().findByPhone(actor, generator.e164(N / 2)).orElseThrow().fullName())
                .isEqualTo(generator.customer(N / 2).fullName());
    }

    @Test
    @DisplayName("the whole-number search query is the number of its customer")
    void fullPhoneQueryIsPinned() {
        assertThat(generator.nationalPhone(SearchBenchmark.FULL_PHONE_INDEX)).isEqualTo(SearchBenchmark.FULL_PHONE);
    }

    @Test
    @DisplayName("the scan baseline splits a text as search does")
    void scanTermsFollowSearch() {
        assertThat(SearchBenchmark.terms("kaya İSTANBUL"))
                .containsExactly(SearchTerm.word("kaya"), SearchTerm.word("istanbul"));
        assertThat(SearchBenchmark.terms("ISIK")).containsExactly(SearchTerm.word("isik"));
        assertThat(SearchBenchmark.terms("ay ayse")).containsExactly(SearchTerm.word("ayse"));
        assertThat(SearchBenchmark.terms("0532 123"))
                .containsExactly(new SearchTerm(List.of("0532123", SearchKeys.suffixKey("0532123"))));
        assertThat(SearchBenchmark.terms("+90 (532) 123-45-67"))
                .containsExactly(new SearchTerm(List.of("905321234567", SearchKeys.suffixKey("905321234567"))));
    }

    @Test
    @DisplayName("the scan baseline matches the customers search finds: word prefixes, never inside a word")
    void scanMatchesSearch() {
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Actor actor = PreloadedCrm.benchActor();
        int n = 2_000;
        List<String[]> keys = new java.util.ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            NewCustomer c = generator.customer(i);
            crm.customers().create(actor, c);
            keys.add(SearchKeys.of(CustomerRecord.builder(c.fullName(), PhoneNumber.of(generator.e164(i)), now)
                    .company((String) c.value(CustomerField.COMPANY))
                    .email((String) c.value(CustomerField.EMAIL))
                    .build()));
        }
        String whole = generator.nationalPhone(n / 3);
        for (String query : List.of("ayse", "kaya istanbul", "ISIK", "0532 123", whole, "aya", "yse")) {
            List<SearchTerm> terms = SearchBenchmark.terms(query);
            long scanned = keys.stream().filter(k -> terms.stream().allMatch(t -> t.matches(k))).count();
            long searched = crm.customers().count(actor, CustomerQuery.builder().text(query).build());
            assertThat(scanned).as("'%s' by scan and by search", query).isEqualTo(searched);
        }
        // Word prefixes only: "yse" is inside "ayse" and finds nobody by it.
        assertThat(SearchBenchmark.terms("yse").get(0).matches(new String[] {"ayse", "kaya"})).isFalse();
        assertThat(SearchBenchmark.terms("ays").get(0).matches(new String[] {"ayse", "kaya"})).isTrue();
    }

    private static List<NewCustomer> generate(CustomerGenerator g) {
        return IntStream.range(0, N).mapToObj(g::customer).toList();
    }
}
