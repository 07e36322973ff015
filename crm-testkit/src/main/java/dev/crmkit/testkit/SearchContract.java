package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.Page;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.customer.Segment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Customer search and lists as users observe them through {@link
 * dev.crmkit.core.customer.CustomerService#search} and {@code count}: Turkish-aware text matching,
 * phone digit search, literal special characters, filters, sorts, cursor paging under concurrent
 * inserts, and tenant isolation.
 */
@DisplayName("Customer search")
public abstract class SearchContract extends ContractSupport {

    /** The most pages a walk through a list may take before the suite calls it endless. */
    private static final int MAX_PAGES = 10_000;

    // ------------------------------------------------------------------------------------------
    // helpers

    protected Customer create(String name, String phone) {
        return crm.customers().create(admin, NewCustomer.builder(name, phone).build());
    }

    protected Customer create(NewCustomer.Builder builder) {
        return crm.customers().create(admin, builder.build());
    }

    /** Ids of the customers the text finds, in list order (one page of up to 1000). */
    protected List<Long> find(String text) {
        return ids(crm.customers().search(admin, CustomerQuery.builder().text(text).limit(1000).build()));
    }

    protected List<Long> find(CustomerQuery.Builder query) {
        return ids(crm.customers().search(admin, query.limit(1000).build()));
    }

    protected static List<Long> ids(Page<Customer> page) {
        return page.items().stream().map(Customer::id).toList();
    }

    protected static Long[] ids(Customer... customers) {
        Long[] out = new Long[customers.length];
        for (int i = 0; i < customers.length; i++) {
            out[i] = customers[i].id();
        }
        return out;
    }

    /** Walks every page of the query and returns the ids in the order listed. */
    protected List<Long> walk(Actor actor, CustomerQuery query) {
        List<Long> out = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            Page<Customer> page = crm.customers().search(actor, query.withCursor(cursor));
            assertThat(page.items().size()).isLessThanOrEqualTo(query.limit());
            if (page.hasNext()) {
                assertThat(page.items()).as("a page before the last is full").hasSize(query.limit());
            }
            out.addAll(ids(page));
            cursor = page.nextCursor();
            if (cursor == null) {
                return out;
            }
        }
        throw new AssertionError("paging did not end after " + MAX_PAGES + " pages");
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Text")
    class Text {

        private Customer ayse;
        private Customer isik;
        private Customer ismail;
        private Customer ahmet;
        private Customer lowerAyse;

        @BeforeEach
        void createCustomers() {
            ayse = create(NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67")
                    .email("ayse.yilmaz@example.com").company("Yılmaz Tekstil"));
            isik = create(NewCustomer.builder("Işık Demir", "0532 222 33 44")
                    .email("isik@demirhukuk.com.tr").company("Demir Hukuk Bürosu"));
            ismail = create(NewCustomer.builder("İsmail Kaya", "0533 333 44 55").company("İstanbul Lojistik"));
            ahmet = create(NewCustomer.builder("Ahmet Kaya", "0535 444 55 66").company("Ankara Gıda"));
            lowerAyse = create(NewCustomer.builder("ayse öztürk", "0505 555 66 77"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ayse", "AYŞE", "Ayşe", "ayşe", "AYSE", "aYsE"})
        @DisplayName("a name is found ignoring case and Turkish letters both ways")
        void matchesNameFolded(String query) {
            assertThat(find(query)).containsExactlyInAnyOrder(ids(ayse, lowerAyse));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ISIK", "ışık", "IŞIK", "isik", "Işık", "İŞİK"})
        @DisplayName("the dotless and the dotted i are one letter for search")
        void matchesDotlessI(String query) {
            assertThat(find(query)).containsExactly(isik.id());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"istanbul", "İSTANBUL", "ISTANBUL", "Istanbul", "istanbul"})
        @DisplayName("a company written with İ is found by istanbul in any casing")
        void matchesCapitalDottedI(String query) {
            assertThat(find(query)).containsExactly(ismail.id());
        }

        @ParameterizedTest(name = "{0} finds {1}")
        @CsvSource({"yıl, Ayşe Yılmaz", "YIL, Ayşe Yılmaz", "tekst, Ayşe Yılmaz", "loj, İsmail Kaya",
                "ism, İsmail Kaya", "dem, Işık Demir", "öztü, ayse öztürk", "oztu, ayse öztürk", "AHM, Ahmet Kaya",
                "bür, Işık Demir"})
        @DisplayName("a query word matches the start of a word in any field")
        void matchesWordStarts(String query, String name) {
            assertThat(crm.customers().search(admin, CustomerQuery.text(query)).items())
                    .extracting(Customer::fullName).containsExactly(name);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"lmaz", "ILMAZ", "emir", "ojist", "smail", "HMET", "kstil", "ztürk", "xample"})
        @DisplayName("a query word never matches inside a word")
        void doesNotMatchInsideWords(String query) {
            assertThat(find(query)).isEmpty();
            assertThat(crm.customers().count(admin, CustomerQuery.text(query))).isZero();
        }

        @Test
        @DisplayName("several words each match in any field, and every word must match")
        void matchesEveryWord() {
            assertThat(find("kaya istanbul")).containsExactly(ismail.id());
            assertThat(find("istanbul kaya")).containsExactly(ismail.id());
            assertThat(find("  KAYA \t ankara ")).containsExactly(ahmet.id());
            assertThat(find("kaya\u00A0istanbul")).containsExactly(ismail.id());
            assertThat(find("kaya")).containsExactlyInAnyOrder(ids(ismail, ahmet));
            assertThat(find("kaya izmir")).isEmpty();
            assertThat(find("ayşe tekstil")).containsExactly(ayse.id());
            assertThat(find("ayse example")).containsExactly(ayse.id());
            assertThat(find("ayse demir")).isEmpty();
            assertThat(find("dem")).containsExactly(isik.id());
            assertThat(find("kay ist")).containsExactly(ismail.id());
        }

        @Test
        @DisplayName("a word never matches across two fields")
        void doesNotMatchAcrossFields() {
            assertThat(find("yılmazyılmaz")).isEmpty();
            assertThat(find("yilmaztekstil")).isEmpty();
            assertThat(find("kayaistanbul")).isEmpty();
            assertThat(find("yilmazayse")).isEmpty();
        }

        @Test
        @DisplayName("the e-mail is searched, ignoring case")
        void matchesEmail() {
            assertThat(find("ayse.yilmaz@example.com")).containsExactly(ayse.id());
            assertThat(find("AYSE.YILMAZ@EXAMPLE.COM")).containsExactly(ayse.id());
            assertThat(find("ayse.yilmaz@exa")).containsExactly(ayse.id());
            assertThat(find("example.com")).containsExactly(ayse.id());
            assertThat(find("example")).containsExactly(ayse.id());
            assertThat(find("demirhukuk")).containsExactly(isik.id());
            assertThat(find("isik@demirhukuk")).containsExactly(isik.id());
            assertThat(find("demirhukuk.com.tr")).containsExactly(isik.id());
            assertThat(find("yilmaz@example.com")).isEmpty();
        }

        @Test
        @DisplayName("the company is searched")
        void matchesCompany() {
            assertThat(find("tekstil")).containsExactly(ayse.id());
            assertThat(find("GIDA")).containsExactly(ahmet.id());
            assertThat(find("gıda")).containsExactly(ahmet.id());
            assertThat(find("bürosu")).containsExactly(isik.id());
            assertThat(find("lojistik kaya")).containsExactly(ismail.id());
        }

        @Test
        @DisplayName("a text that matches nothing gives an empty last page")
        void noMatchIsEmpty() {
            Page<Customer> page = crm.customers().search(admin, CustomerQuery.text("zzzz"));

            assertThat(page.items()).isEmpty();
            assertThat(page.nextCursor()).isNull();
            assertThat(crm.customers().count(admin, CustomerQuery.text("zzzz"))).isZero();
        }

        @Test
        @DisplayName("no text or a blank one lists every customer")
        void blankTextListsAll() {
            assertThat(find((String) null)).hasSize(5);
            assertThat(find("   ")).hasSize(5);
            assertThat(find(CustomerQuery.builder())).hasSize(5);
        }

        @Test
        @DisplayName("a search result reads as the customer does")
        void resultEqualsRead() {
            Customer result = crm.customers().search(admin, CustomerQuery.text("lojist")).items().get(0);

            assertThat(result).isEqualTo(crm.customers().get(admin, ismail.id()));
        }

        @Test
        @DisplayName("a renamed customer is found by the new name and no longer by the old one")
        void followsUpdates() {
            crm.customers().update(admin, CustomerUpdate.of(ismail).fullName("İsmail Çelik").company("Bursa Nakliyat")
                    .email("ismail@celik.com.tr").build());

            assertThat(find("kaya")).containsExactly(ahmet.id());
            assertThat(find("istanbul")).isEmpty();
            assertThat(find("çelik")).containsExactly(ismail.id());
            assertThat(find("celik nakliyat")).containsExactly(ismail.id());
            assertThat(find("ismail@celik")).containsExactly(ismail.id());
        }

        @Test
        @DisplayName("a deleted customer is found no more")
        void forgetsDeleted() {
            crm.customers().delete(admin, ismail.id());

            assertThat(find("kaya")).containsExactly(ahmet.id());
            assertThat(find("0533 333 44 55")).isEmpty();
            assertThat(find((String) null)).hasSize(4);
        }
    }

    @Nested
    @DisplayName("Phone numbers")
    class PhoneDigits {

        private Customer ayse;
        private Customer isik;

        @BeforeEach
        void createCustomers() {
            ayse = create("Ayşe Yılmaz", "0530 123 45 67");
            isik = create("Işık Demir", "0532 222 33 44");
            create("İsmail Kaya", "0533 333 44 55");
            create("Ahmet Kaya", "0535 444 55 66");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"0530 123 45 67", "+90 530 123 45 67", "5301234567", "05301234567", "905301234567",
                "+905301234567", "00905301234567", "(0530) 123-45-67", "0 (530) 123 45 67", "530 123 45", "0530 123",
                "+90 530 12", "1234567", "123 45 67", "01234567", "0530\u00A0123\u00A045\u00A067"})
        @DisplayName("a number is found by the start of any written form, and by its last digits")
        void matchesAnyForm(String query) {
            assertThat(find(query)).containsExactly(ayse.id());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"0542 111 22 33", "+90 542 111 22 33", "5421112233", "00905421112233"})
        @DisplayName("secondary numbers are searched too")
        void matchesSecondaryPhones(String query) {
            crm.customers().addPhone(admin, isik.id(), NewPhone.of("0542 111 22 33"));

            assertThat(find(query)).containsExactly(isik.id());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"+44 20 7946 0958", "0044 20 7946 0958", "442079460958", "020 7946 0958",
                "02079460958", "2079460958", "020 7946", "7946 0958"})
        @DisplayName("a foreign number is found by its international and by its national digits")
        void matchesForeignNumber(String query) {
            Customer foreign = create("John Smith", "+44 20 7946 0958");

            assertThat(find(query)).containsExactly(foreign.id());
        }

        @Test
        @DisplayName("words and digits mix: each must match, the digits in any phone")
        void mixesWordsAndDigits() {
            assertThat(find("ayşe 05301234567")).containsExactly(ayse.id());
            assertThat(find("05301234567 yılmaz")).containsExactly(ayse.id());
            assertThat(find("ayşe 0530")).containsExactly(ayse.id());
            assertThat(find("kaya 5301234567")).isEmpty();
        }

        @Test
        @DisplayName("a number nobody has finds nothing")
        void unknownNumberFindsNothing() {
            assertThat(find("0555 999 88 77")).isEmpty();
            assertThat(find("+44 20 7946 0958")).isEmpty();
            assertThat(find("0530 123 45 68")).isEmpty();
            assertThat(find("530 123 45 68")).isEmpty();
            assertThat(find("3012345")).isEmpty();
        }

        @Test
        @DisplayName("a phone query of fewer than seven digits is a word: the start of a number's digits")
        void shortDigitsAreWords() {
            assertThat(find("0530")).containsExactly(ayse.id());
            assertThat(find("90532")).containsExactly(isik.id());
            assertThat(find("4567")).isEmpty();
        }
    }

    @Nested
    @DisplayName("Special characters")
    class SpecialCharacters {

        private Customer percent;
        private Customer underscore;
        private Customer quote;
        private Customer hyphen;

        @BeforeEach
        void createCustomers() {
            percent = create(NewCustomer.builder("Zeynep 100% Kurt", "0530 123 45 67"));
            underscore = create(NewCustomer.builder("Ali Bek", "0532 222 33 44").email("ali_bek@example.com"));
            quote = create(NewCustomer.builder("Sean O'Neil", "0533 333 44 55"));
            hyphen = create(NewCustomer.builder("Ayşe Demir-Yılmaz", "0535 444 55 66").email("abe@example.com"));
            create(NewCustomer.builder("Demir AŞ", "0505 555 66 77"));
        }

        @Test
        @DisplayName("% is plain text: 100% finds what holds it, % alone finds nobody")
        void percentIsLiteral() {
            assertThat(find("100%")).containsExactly(percent.id());
            assertThat(find("100")).containsExactly(percent.id());
            assertThat(find("%")).isEmpty();
            assertThat(find("a%e")).isEmpty();
            assertThat(find("%%")).isEmpty();
            assertThat(find("10%0")).isEmpty();
            assertThat(crm.customers().count(admin, CustomerQuery.text("%"))).isZero();
        }

        @Test
        @DisplayName("_ is plain text: it is part of a word, never a wildcard")
        void underscoreIsLiteral() {
            assertThat(find("ali_bek")).containsExactly(underscore.id());
            assertThat(find("ali_")).containsExactly(underscore.id());
            assertThat(find("bek")).containsExactly(underscore.id());
            assertThat(find("_")).isEmpty();
            assertThat(find("a_i")).isEmpty();
            assertThat(find("al_")).isEmpty();
        }

        @Test
        @DisplayName("a quote is plain text, and text that looks like SQL finds nothing and breaks nothing")
        void quoteIsLiteral() {
            assertThat(find("o'neil")).containsExactly(quote.id());
            assertThat(find("o'")).containsExactly(quote.id());
            assertThat(find("neil")).containsExactly(quote.id());
            assertThat(find("'")).isEmpty();
            assertThat(find("' OR 1=1 --")).isEmpty();
            assertThat(find("' OR '1'='1")).isEmpty();
            assertThat(find("x'); DROP TABLE customers; --")).isEmpty();
            assertThat(find("\\")).isEmpty();
            assertThat(find("[a-z]*")).isEmpty();
            assertThat(find(".*")).isEmpty();
            assertThat(find("a:*")).isEmpty();
            assertThat(find("a | b")).isEmpty();
            assertThat(find("!a")).isEmpty();
            assertThat(find((String) null)).hasSize(5);
        }

        @Test
        @DisplayName("a hyphenated name is one word and gives a word for each part")
        void hyphenatedWords() {
            assertThat(find("demir-yılmaz")).containsExactly(hyphen.id());
            assertThat(find("demir-y")).containsExactly(hyphen.id());
            assertThat(find("yılmaz")).containsExactly(hyphen.id());
            assertThat(find("YILM")).containsExactly(hyphen.id());
            assertThat(find("demir").size()).isEqualTo(2);
            assertThat(find("as")).containsExactly(find("demir aş").toArray(new Long[0]));
            assertThat(find("emir")).isEmpty();
        }

        @Test
        @DisplayName("the spec's examples: dem finds Demir, emir does not, as finds Demir AŞ")
        void specExamples() {
            assertThat(find("dem")).hasSize(2);
            assertThat(find("emir")).isEmpty();
            assertThat(find("as")).hasSize(1);
            assertThat(find("AŞ")).hasSize(1);
            assertThat(find("ayse demir")).containsExactly(hyphen.id());
        }
    }

    @Nested
    @DisplayName("Filters")
    class Filters {

        private Customer vipActiveAyse;
        private Customer riskPassiveMehmet;
        private Customer normalActiveAyse;
        private Customer potential;
        private Customer vipPassiveMehmet;

        @BeforeEach
        void createCustomers() {
            vipActiveAyse = create(NewCustomer.builder("Ali Kaya", "0530 123 45 67").segment(Segment.VIP)
                    .representative("ayse").queue("inbound"));
            riskPassiveMehmet = create(NewCustomer.builder("Veli Kaya", "0532 222 33 44").segment(Segment.RISK)
                    .status(CustomerStatus.PASSIVE).representative("mehmet").queue("outbound"));
            normalActiveAyse = create(NewCustomer.builder("Can Demir", "0533 333 44 55")
                    .representative("ayse").queue("outbound"));
            potential = create(NewCustomer.builder("Deniz Ak", "0535 444 55 66").segment(Segment.POTENTIAL));
            vipPassiveMehmet = create(NewCustomer.builder("Ece Kaya", "0505 555 66 77").segment(Segment.VIP)
                    .status(CustomerStatus.PASSIVE).representative("mehmet").queue("inbound"));
        }

        @Test
        @DisplayName("segments keep only customers of the given segments")
        void filtersBySegment() {
            assertThat(find(CustomerQuery.builder().segments(Segment.VIP)))
                    .containsExactlyInAnyOrder(ids(vipActiveAyse, vipPassiveMehmet));
            assertThat(find(CustomerQuery.builder().segments(Segment.VIP, Segment.RISK)))
                    .containsExactlyInAnyOrder(ids(vipActiveAyse, vipPassiveMehmet, riskPassiveMehmet));
            assertThat(find(CustomerQuery.builder().segments(Segment.NORMAL))).containsExactly(normalActiveAyse.id());
            assertThat(find(CustomerQuery.builder().segments(Segment.POTENTIAL))).containsExactly(potential.id());
        }

        @Test
        @DisplayName("statuses keep only customers of the given statuses")
        void filtersByStatus() {
            assertThat(find(CustomerQuery.builder().statuses(CustomerStatus.PASSIVE)))
                    .containsExactlyInAnyOrder(ids(riskPassiveMehmet, vipPassiveMehmet));
            assertThat(find(CustomerQuery.builder().statuses(CustomerStatus.ACTIVE)))
                    .containsExactlyInAnyOrder(ids(vipActiveAyse, normalActiveAyse, potential));
        }

        @Test
        @DisplayName("a representative keeps only that representative's customers")
        void filtersByRepresentative() {
            assertThat(find(CustomerQuery.builder().representative("ayse")))
                    .containsExactlyInAnyOrder(ids(vipActiveAyse, normalActiveAyse));
            assertThat(find(CustomerQuery.builder().representative("zeynep"))).isEmpty();
        }

        @Test
        @DisplayName("a queue keeps only that queue's customers")
        void filtersByQueue() {
            assertThat(find(CustomerQuery.builder().queue("inbound")))
                    .containsExactlyInAnyOrder(ids(vipActiveAyse, vipPassiveMehmet));
            assertThat(find(CustomerQuery.builder().queue("nowhere"))).isEmpty();
        }

        @Test
        @DisplayName("filters and text combine: a customer must pass all of them")
        void combinesFilters() {
            assertThat(find(CustomerQuery.builder().segments(Segment.VIP).statuses(CustomerStatus.PASSIVE)))
                    .containsExactly(vipPassiveMehmet.id());
            assertThat(find(CustomerQuery.builder().text("kaya").representative("mehmet")))
                    .containsExactlyInAnyOrder(ids(riskPassiveMehmet, vipPassiveMehmet));
            assertThat(find(CustomerQuery.builder().text("kaya").segments(Segment.VIP).queue("inbound")
                    .representative("ayse"))).containsExactly(vipActiveAyse.id());
            assertThat(find(CustomerQuery.builder().text("demir").segments(Segment.VIP))).isEmpty();
        }

        @Test
        @DisplayName("contacted within N days keeps customers whose last contact is that recent")
        void filtersByRecentContact() {
            crm.customers().recordContact(admin, vipActiveAyse.id(), "0530 123 45 67");
            tick(Duration.ofDays(3));
            crm.customers().recordContact(admin, riskPassiveMehmet.id(), "0532 222 33 44");
            tick(Duration.ofDays(5));
            crm.customers().recordContact(admin, normalActiveAyse.id(), "0533 333 44 55");
            tick(Duration.ofHours(1));

            assertThat(find(CustomerQuery.builder().contactedWithinDays(7)))
                    .containsExactlyInAnyOrder(ids(riskPassiveMehmet, normalActiveAyse));
            assertThat(find(CustomerQuery.builder().contactedWithinDays(10)))
                    .containsExactlyInAnyOrder(ids(vipActiveAyse, riskPassiveMehmet, normalActiveAyse));
            assertThat(find(CustomerQuery.builder().contactedWithinDays(1))).containsExactly(normalActiveAyse.id());
            assertThat(find(CustomerQuery.builder().contactedWithinDays(7).text("kaya")))
                    .containsExactly(riskPassiveMehmet.id());
            assertThat(crm.customers().count(admin, CustomerQuery.builder().contactedWithinDays(7).build())).isEqualTo(2);
        }

        @Test
        @DisplayName("count agrees with search for every filter")
        void countAgrees() {
            List<CustomerQuery.Builder> queries = List.of(
                    CustomerQuery.builder().segments(Segment.VIP),
                    CustomerQuery.builder().statuses(CustomerStatus.PASSIVE),
                    CustomerQuery.builder().representative("ayse"),
                    CustomerQuery.builder().queue("outbound"),
                    CustomerQuery.builder().text("kaya").segments(Segment.VIP, Segment.RISK),
                    CustomerQuery.builder());
            for (CustomerQuery.Builder q : queries) {
                CustomerQuery query = q.limit(2).build();
                assertThat(crm.customers().count(admin, query)).as(query.toString())
                        .isEqualTo(walk(admin, query).size());
            }
        }
    }

    @Nested
    @DisplayName("Sorting")
    class Sorting {

        @Test
        @DisplayName("the default order is the most recently updated first")
        void defaultIsUpdatedNewestFirst() {
            Customer a = create("Ali Kaya", "0530 123 45 67");
            tick();
            Customer b = create("Veli Kaya", "0532 222 33 44");
            tick();
            Customer c = create("Can Demir", "0533 333 44 55");
            tick();
            crm.customers().update(admin, CustomerUpdate.of(a).queue("inbound").build());

            assertThat(find(CustomerQuery.builder())).containsExactly(ids(a, c, b));
            assertThat(find(CustomerQuery.builder().sort(CustomerSort.UPDATED))).containsExactly(ids(a, c, b));
            assertThat(ids(crm.customers().search(admin, CustomerQuery.all()))).containsExactly(ids(a, c, b));
        }

        @Test
        @DisplayName("CREATED lists the newest customers first, whatever was updated since")
        void createdNewestFirst() {
            Customer a = create("Ali Kaya", "0530 123 45 67");
            tick();
            Customer b = create("Veli Kaya", "0532 222 33 44");
            tick();
            Customer c = create("Can Demir", "0533 333 44 55");
            tick();
            crm.customers().update(admin, CustomerUpdate.of(a).queue("inbound").build());

            assertThat(find(CustomerQuery.builder().sort(CustomerSort.CREATED))).containsExactly(ids(c, b, a));
        }

        @Test
        @DisplayName("INTERACTIONS lists the most contacted customers first")
        void interactionsMostFirst() {
            Customer a = create("Ali Kaya", "0530 123 45 67");
            Customer b = create("Veli Kaya", "0532 222 33 44");
            Customer c = create("Can Demir", "0533 333 44 55");
            for (int i = 0; i < 3; i++) {
                tick();
                crm.customers().recordContact(admin, b.id(), "0532 222 33 44");
            }
            tick();
            crm.customers().recordContact(admin, c.id(), "0533 333 44 55");
            tick();
            crm.customers().update(admin, CustomerUpdate.of(a).queue("inbound").build());

            assertThat(find(CustomerQuery.builder().sort(CustomerSort.INTERACTIONS))).containsExactly(ids(b, c, a));
        }

        @Test
        @DisplayName("NAME lists A to Z with Turkish letters as their plain counterparts")
        void nameFolded() {
            List<String> names = List.of("Zehra Ak", "Ömer Faruk", "Çağlar Uz", "Ayşe Yılmaz", "Cem Öz",
                    "İbrahim Tan", "Işık Demir", "Oya Sel", "ahmet kaya", "Şule Can", "Sami Er");
            List<Customer> created = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                created.add(create(names.get(i), String.format("0532100%04d", i)));
                tick();
            }

            List<String> listed = crm.customers().search(admin, CustomerQuery.builder().sort(CustomerSort.NAME)
                    .limit(1000).build()).items().stream().map(Customer::fullName).toList();

            assertThat(listed).containsExactly("ahmet kaya", "Ayşe Yılmaz", "Çağlar Uz", "Cem Öz", "İbrahim Tan",
                    "Işık Demir", "Ömer Faruk", "Oya Sel", "Sami Er", "Şule Can", "Zehra Ak");
        }

        @Test
        @DisplayName("filters and text keep the order of the sort")
        void filteredKeepsOrder() {
            Customer a = create("Ali Kaya", "0530 123 45 67");
            tick();
            Customer b = create("Veli Kaya", "0532 222 33 44");
            tick();
            create("Can Demir", "0533 333 44 55");
            tick();
            Customer d = create("Bora Kaya", "0535 444 55 66");

            assertThat(find(CustomerQuery.builder().text("kaya").sort(CustomerSort.NAME))).containsExactly(ids(a, d, b));
            assertThat(find(CustomerQuery.builder().text("kaya").sort(CustomerSort.CREATED))).containsExactly(ids(d, b, a));
        }
    }

    @Nested
    @DisplayName("Cursor paging")
    class Paging {

        private final List<Customer> originals = new ArrayList<>();

        /** 23 customers with repeated names, timestamps and contact counts, so that ties need the id. */
        @BeforeEach
        void createCustomers() {
            List<String> names = List.of("Ayşe Yılmaz", "AYSE YILMAZ", "ayşe yılmaz", "Işık Demir", "İsmail Kaya",
                    "Ahmet Kaya", "Çağlar Uz", "Cem Öz", "Zehra Ak", "Ömer Faruk", "Oya Sel", "Ali: Veli", "Ali:Veli",
                    "Ali Veli", "Şule Can", "Sule Can", "Ümit Er", "Umut Er", "Ğ Test", "Gül Su", "Bora", "bora", "Ece");
            for (int i = 0; i < names.size(); i++) {
                originals.add(create(NewCustomer.builder(names.get(i), String.format("0532100%04d", i))
                        .company(i % 2 == 0 ? "Kaya Lojistik" : null)));
                if (i % 3 == 2) {
                    tick();
                }
            }
            for (int i = 0; i < originals.size(); i++) {
                for (int n = 0; n < i % 3; n++) {
                    crm.customers().recordContact(admin, originals.get(i).id(), originals.get(i).phone().e164());
                }
                if (i % 4 == 3) {
                    tick();
                }
            }
            tick();
        }

        private Set<Long> originalIds() {
            Set<Long> out = new HashSet<>();
            for (Customer c : originals) {
                out.add(c.id());
            }
            return out;
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(CustomerSort.class)
        @DisplayName("walking the pages lists every customer once, in the order of one big page")
        void walksWithoutRepeatOrSkip(CustomerSort sort) {
            List<Long> all = find(CustomerQuery.builder().sort(sort));
            assertThat(all).hasSize(originals.size()).doesNotHaveDuplicates();

            for (int limit : new int[] {1, 4, 5, 22, 23, 50}) {
                assertThat(walk(admin, CustomerQuery.builder().sort(sort).limit(limit).build()))
                        .as("limit " + limit).containsExactlyElementsOf(all);
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(CustomerSort.class)
        @DisplayName("walking the pages of a text search lists each match once")
        void walksFilteredWithoutRepeatOrSkip(CustomerSort sort) {
            List<Long> all = find(CustomerQuery.builder().text("kaya").sort(sort));
            assertThat(all).hasSize(13);

            assertThat(walk(admin, CustomerQuery.builder().text("kaya").sort(sort).limit(3).build()))
                    .containsExactlyElementsOf(all);
            assertThat(crm.customers().count(admin, CustomerQuery.builder().text("kaya").sort(sort).limit(3).build()))
                    .isEqualTo(all.size());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(CustomerSort.class)
        @DisplayName("customers inserted between pages make no page repeat or skip a customer")
        void stableWhileInserting(CustomerSort sort) {
            List<Long> before = find(CustomerQuery.builder().sort(sort));
            CustomerQuery query = CustomerQuery.builder().sort(sort).limit(5).build();
            List<Long> listed = new ArrayList<>();
            String cursor = null;
            int inserted = 0;
            for (int pages = 0; pages < MAX_PAGES; pages++) {
                Page<Customer> page = crm.customers().search(admin, query.withCursor(cursor));
                listed.addAll(ids(page));
                cursor = page.nextCursor();
                if (cursor == null) {
                    break;
                }
                for (String name : List.of("Aaa Yeni", "Mmm Yeni", "Zzz Yeni")) {
                    tick();
                    Customer c = create(name + " " + inserted, String.format("0542200%04d", inserted));
                    inserted++;
                    if (inserted % 2 == 0) {
                        crm.customers().recordContact(admin, c.id(), c.phone().e164());
                    }
                }
            }

            assertThat(cursor).as("paging ended").isNull();
            assertThat(inserted).isPositive();
            assertThat(listed).doesNotHaveDuplicates();
            List<Long> originalsListed = listed.stream().filter(originalIds()::contains).toList();
            assertThat(originalsListed).containsExactlyElementsOf(before);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(CustomerSort.class)
        @DisplayName("customers inserted from another thread while paging make no page repeat or skip a customer")
        void stableWhileAnotherThreadInserts(CustomerSort sort) throws Exception {
            List<Long> before = find(CustomerQuery.builder().sort(sort));
            List<Long> listed = new ArrayList<>();
            int inserted;
            try (BackgroundWriter writer = BackgroundWriter.start(300, i -> {
                String name = (i % 3 == 0 ? "Aaa" : i % 3 == 1 ? "Mmm" : "Zzz") + " Paralel " + i;
                Customer c = create(name, String.format("0544300%04d", i));
                if (i % 2 == 0) {
                    crm.customers().recordContact(admin, c.id(), c.phone().e164());
                }
            })) {
                writer.awaitSteps(1);
                CustomerQuery query = CustomerQuery.builder().sort(sort).limit(2).build();
                String cursor = null;
                int pages = 0;
                do {
                    Page<Customer> page = crm.customers().search(admin, query.withCursor(cursor));
                    listed.addAll(ids(page));
                    cursor = page.nextCursor();
                    Thread.yield();
                } while (cursor != null && ++pages < MAX_PAGES);
                assertThat(cursor).as("paging ended").isNull();
                inserted = writer.stop();
            }

            assertThat(inserted).isPositive();
            assertThat(listed).doesNotHaveDuplicates();
            List<Long> originalsListed = listed.stream().filter(originalIds()::contains).toList();
            assertThat(originalsListed).containsExactlyElementsOf(before);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"not-a-cursor", "!!!", "eyJ4IjoxfQ", "c1", "%"})
        @DisplayName("a cursor the library did not hand out is CURSOR_INVALID")
        void refusesInvalidCursor(String cursor) {
            assertFails(ErrorCode.CURSOR_INVALID,
                    () -> crm.customers().search(admin, CustomerQuery.builder().cursor(cursor).build()));
            assertFails(ErrorCode.CURSOR_INVALID, () -> crm.customers().search(admin,
                    CustomerQuery.builder().sort(CustomerSort.NAME).cursor(cursor).build()));
        }

        @Test
        @DisplayName("a cursor of one sort is refused by another: CURSOR_INVALID")
        void refusesCursorOfAnotherSort() {
            for (CustomerSort from : CustomerSort.values()) {
                String cursor = crm.customers().search(admin, CustomerQuery.builder().sort(from).limit(3).build())
                        .nextCursor();
                assertThat(cursor).isNotNull();
                for (CustomerSort to : CustomerSort.values()) {
                    if (to != from) {
                        assertFails(ErrorCode.CURSOR_INVALID, () -> crm.customers().search(admin,
                                CustomerQuery.builder().sort(to).limit(3).cursor(cursor).build()));
                    }
                }
            }
        }

        @Test
        @DisplayName("a timeline cursor is refused by the customer list: CURSOR_INVALID")
        void refusesTimelineCursor() {
            Customer c = originals.get(1);
            crm.activities().addNote(admin, c.id(), "called back");
            String cursor = crm.activities().timeline(admin, c.id(), ActivityQuery.newest(1)).nextCursor();
            assertThat(cursor).isNotNull();

            for (CustomerSort sort : CustomerSort.values()) {
                assertFails(ErrorCode.CURSOR_INVALID, () -> crm.customers().search(admin,
                        CustomerQuery.builder().sort(sort).cursor(cursor).build()));
            }
        }

        @Test
        @DisplayName("count ignores the cursor and the limit")
        void countIgnoresCursorAndLimit() {
            CustomerQuery first = CustomerQuery.builder().limit(3).build();
            String cursor = crm.customers().search(admin, first).nextCursor();

            assertThat(crm.customers().count(admin, first)).isEqualTo(originals.size());
            assertThat(crm.customers().count(admin, first.withCursor(cursor))).isEqualTo(originals.size());
        }
    }

    @Nested
    @DisplayName("Tenant isolation")
    class Tenants {

        @Test
        @DisplayName("search, count and paging see only the actor's tenant")
        void seesOnlyOwnTenant() {
            Customer ours = create(NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67").company("Kaya Lojistik"));
            Customer theirs1 = crm.customers().create(otherAdmin, NewCustomer.builder("Ayşe Kaya", "0530 123 45 67").build());
            Customer theirs2 = crm.customers().create(otherAdmin, NewCustomer.builder("Ayşe Demir", "0532 222 33 44").build());

            assertThat(find("ayşe")).containsExactly(ours.id());
            assertThat(find("0530 123 45 67")).containsExactly(ours.id());
            assertThat(find("0532 222 33 44")).isEmpty();
            assertThat(find((String) null)).containsExactly(ours.id());
            assertThat(crm.customers().count(admin, CustomerQuery.text("ayse"))).isEqualTo(1);

            assertThat(ids(crm.customers().search(otherAdmin, CustomerQuery.text("AYSE"))))
                    .containsExactlyInAnyOrder(ids(theirs1, theirs2));
            assertThat(crm.customers().count(otherAdmin, CustomerQuery.all())).isEqualTo(2);
            assertThat(walk(otherAdmin, CustomerQuery.builder().limit(1).build()))
                    .containsExactlyInAnyOrder(ids(theirs1, theirs2));
            assertThat(ids(crm.customers().search(otherAdmin, CustomerQuery.text("lojistik")))).isEmpty();
        }

        @Test
        @DisplayName("filters see only the actor's tenant")
        void filtersSeeOnlyOwnTenant() {
            Customer ours = create(NewCustomer.builder("Ali Kaya", "0530 123 45 67").segment(Segment.VIP)
                    .representative("ayse").queue("inbound"));
            crm.customers().create(otherAdmin, NewCustomer.builder("Veli Kaya", "0532 222 33 44").segment(Segment.VIP)
                    .representative("ayse").queue("inbound").build());

            assertThat(find(CustomerQuery.builder().segments(Segment.VIP))).containsExactly(ours.id());
            assertThat(find(CustomerQuery.builder().representative("ayse"))).containsExactly(ours.id());
            assertThat(find(CustomerQuery.builder().queue("inbound"))).containsExactly(ours.id());
        }

        @Test
        @DisplayName("a cursor of one tenant's list does not reveal another tenant's customers")
        void cursorDoesNotCrossTenants() {
            for (int i = 0; i < 4; i++) {
                create("Acme Müşteri " + i, String.format("0532100%04d", i));
                crm.customers().create(otherAdmin,
                        NewCustomer.builder("Globex Müşteri " + i, String.format("0532100%04d", i)).build());
            }
            String cursor = crm.customers().search(otherAdmin, CustomerQuery.builder().limit(1).build()).nextCursor();
            assertThat(cursor).isNotNull();

            Page<Customer> page;
            try {
                page = crm.customers().search(admin, CustomerQuery.builder().limit(1000).cursor(cursor).build());
            } catch (CrmValidationException refused) {
                assertThat(refused.code()).isEqualTo(ErrorCode.CURSOR_INVALID);
                return;
            }
            assertThat(page.items()).allSatisfy(c -> assertThat(c.fullName()).startsWith("Acme"));
        }
    }
}
