package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.Page;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.customer.PhoneChange;
import dev.crmkit.core.customer.PhoneStatus;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import dev.crmkit.core.permission.PermissionLevel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Notes, customer timelines, the tenant-wide feed and the audit log, as users observe them
 * through {@link dev.crmkit.core.activity.ActivityService}: newest first, filtered by type, paged by
 * cursor without skips or repeats while entries arrive, hiding changes of custom fields the actor
 * may not see.
 */
@DisplayName("Activities")
public abstract class ActivityContract extends ContractSupport {

    private int phoneSequence;

    /** A new valid Turkish mobile number, distinct within the test. */
    private String nextPhone() {
        phoneSequence++;
        return TestCustomers.mobile(phoneSequence);
    }

    private Customer newCustomer(String name) {
        return crm.customers().create(admin, NewCustomer.builder(name, nextPhone()).build());
    }

    private Activity note(Actor actor, Customer customer, String text) {
        return crm.activities().addNote(actor, customer.id(), text);
    }

    private List<Activity> timeline(Actor actor, Customer customer) {
        return crm.activities().timeline(actor, customer.id(), ActivityQuery.newest(1000)).items();
    }

    private List<Activity> feed(Actor actor) {
        return crm.activities().feed(actor, ActivityQuery.newest(1000)).items();
    }

    private Actor agent() {
        return Actor.user(ACME, "ayse", "agents");
    }

    private Actor finance() {
        return Actor.user(ACME, "zeynep", "finance");
    }

    /** Follows the cursors from the first query to the last page and returns every page. */
    private static List<Page<Activity>> allPages(Function<ActivityQuery, Page<Activity>> reader, ActivityQuery first) {
        List<Page<Activity>> pages = new ArrayList<>();
        ActivityQuery query = first;
        while (true) {
            Page<Activity> page = reader.apply(query);
            pages.add(page);
            if (!page.hasNext()) {
                return pages;
            }
            if (pages.size() > 10_000) {
                fail("paging does not end");
            }
            query = query.after(page.nextCursor());
        }
    }

    private static List<Activity> flatten(List<Page<Activity>> pages) {
        return pages.stream().flatMap(p -> p.items().stream()).toList();
    }

    private static List<Long> ids(List<Activity> activities) {
        return activities.stream().map(Activity::id).toList();
    }

    private static void assertNewestFirstWithoutRepeats(List<Activity> activities) {
        List<Long> ids = ids(activities);
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i))
                    .as("entry %d of %s comes after a newer one and is not a repeat", i, ids)
                    .isLessThan(ids.get(i - 1));
        }
    }

    /** Waits until the writer has made at least {@code target} writes, so that page reads and writes interleave. */
    private static void assertCode(Throwable thrown, ErrorCode code) {
        assertThat(thrown).isInstanceOf(CrmException.class);
        assertThat(((CrmException) thrown).code()).isEqualTo(code);
    }

    @Nested
    @DisplayName("adding a note")
    class AddingNotes {

        @Test
        @DisplayName("a note is the newest entry of the timeline, with its author, time and text")
        void noteIsNewestEntryWithAuthorTimeAndText() {
            Customer c = newCustomer("Ali Veli");
            Actor agent = userWithLevel("ayse", PermissionLevel.CONTRIBUTE, "agents");
            tick(Duration.ofMinutes(5));
            Instant now = clock.instant();

            Activity added = note(agent, c, "Called back, wants the premium plan");

            assertThat(added.type()).isEqualTo(ActivityType.NOTE);
            assertThat(added.customerId()).isEqualTo(c.id());
            assertThat(added.actorId()).isEqualTo("ayse");
            assertThat(added.at()).isEqualTo(now);
            assertThat(added.text()).isEqualTo("Called back, wants the premium plan");
            List<Activity> timeline = timeline(admin, c);
            assertThat(timeline).first().isEqualTo(added);
            assertThat(timeline).hasSize(2);
        }

        @Test
        @DisplayName("each note gets a larger id than the entries before it")
        void notesGetGrowingIds() {
            Customer c = newCustomer("Ali Veli");
            Activity first = note(admin, c, "one");
            Activity second = note(admin, c, "two");
            Activity third = note(admin, c, "three");

            assertThat(second.id()).isGreaterThan(first.id());
            assertThat(third.id()).isGreaterThan(second.id());
        }

        @ParameterizedTest(name = "text \"{0}\"")
        @NullSource
        @ValueSource(strings = {"", " ", "  \t \n "})
        @DisplayName("a note without text is refused with VALUE_INVALID and nothing is added")
        void blankNoteIsRefused(String text) {
            Customer c = newCustomer("Ali Veli");
            List<Activity> before = timeline(admin, c);

            Throwable thrown = catchThrowable(
                    () -> crm.activities().addNote(admin, c.id(), text));

            assertCode(thrown, ErrorCode.VALUE_INVALID);
            assertThat(timeline(admin, c)).isEqualTo(before);
        }

        @Test
        @DisplayName("a note on a customer that does not exist is refused with CUSTOMER_NOT_FOUND")
        void noteOnUnknownCustomerIsRefused() {
            Customer c = newCustomer("Ali Veli");
            List<Activity> feedBefore = feed(admin);

            Throwable thrown = catchThrowable(
                    () -> crm.activities().addNote(admin, c.id() + 1_000_000, "hello"));

            assertCode(thrown, ErrorCode.CUSTOMER_NOT_FOUND);
            assertThat(feed(admin)).isEqualTo(feedBefore);
        }

        @Test
        @DisplayName("a note on a deleted customer is refused with CUSTOMER_NOT_FOUND")
        void noteOnDeletedCustomerIsRefused() {
            Customer c = newCustomer("Ali Veli");
            crm.customers().delete(admin, c.id());

            Throwable thrown = catchThrowable(
                    () -> crm.activities().addNote(admin, c.id(), "hello"));

            assertCode(thrown, ErrorCode.CUSTOMER_NOT_FOUND);
            assertThat(feed(admin)).isEmpty();
        }
    }

    @Nested
    @DisplayName("system log entries")
    class SystemLog {

        @Test
        @DisplayName("a created customer has a LOG entry 'created' by its creator, at creation time")
        void createdCustomerHasCreatedLogEntry() {
            Actor agent = userWithLevel("ayse", PermissionLevel.CONTRIBUTE, "agents");
            tick(Duration.ofHours(1));
            Instant now = clock.instant();

            Customer c = crm.customers().create(agent, NewCustomer.builder("Ayşe Kaya", nextPhone()).build());

            List<Activity> timeline = timeline(admin, c);
            assertThat(timeline).hasSize(1);
            Activity created = timeline.get(0);
            assertThat(created.type()).isEqualTo(ActivityType.LOG);
            assertThat(created.customerId()).isEqualTo(c.id());
            assertThat(created.actorId()).isEqualTo("ayse");
            assertThat(created.at()).isEqualTo(now);
            assertThat(created.data()).containsEntry("event", "created");
        }

        @Test
        @DisplayName("an update writes a LOG entry naming each changed field with its old and new value")
        void updateLogsEachChangedField() {
            Customer c = newCustomer("Ali Veli");
            tick();

            crm.customers().update(admin, CustomerUpdate.of(c).fullName("Ali Veli Kaya").segment(Segment.VIP).build());

            Activity logged = timeline(admin, c).get(0);
            assertThat(logged.type()).isEqualTo(ActivityType.LOG);
            assertThat(logged.actorId()).isEqualTo("boss");
            assertThat(logged.at()).isEqualTo(clock.instant());
            assertThat(logged.changes()).containsExactlyInAnyOrder(
                    new FieldChange("fullName", "Ali Veli", "Ali Veli Kaya"),
                    new FieldChange("segment", "NORMAL", "VIP"));
        }

        @Test
        @DisplayName("a logged national id change shows the values masked")
        void nationalIdChangeIsMasked() {
            Customer c = newCustomer("Ali Veli");

            crm.customers().update(admin, CustomerUpdate.of(c).nationalId("10000000146").build());

            Activity logged = timeline(admin, c).get(0);
            assertThat(logged.changes()).containsExactly(new FieldChange("nationalId", null, "*******0146"));
            assertThat(logged.toString()).doesNotContain("10000000146");
        }

        @Test
        @DisplayName("an update that changes nothing writes no entry")
        void noOpUpdateWritesNothing() {
            Customer c = newCustomer("Ali Veli");

            crm.customers().update(admin, CustomerUpdate.of(c).fullName("Ali Veli").build());

            assertThat(timeline(admin, c)).hasSize(1);
        }

        @Test
        @DisplayName("adding a phone number writes a LOG entry")
        void addingPhoneIsLogged() {
            Customer c = newCustomer("Ali Veli");
            String extra = nextPhone();

            crm.customers().addPhone(admin, c.id(), NewPhone.of(extra));

            Activity logged = timeline(admin, c).get(0);
            assertThat(logged.type()).isEqualTo(ActivityType.LOG);
            assertThat(logged.changes()).extracting(FieldChange::newValue).contains(extra);
        }

        @Test
        @DisplayName("changing and removing a phone number each write a LOG entry")
        void editingAndRemovingPhoneAreLogged() {
            Customer c = newCustomer("Ali Veli");
            String extra = nextPhone();
            crm.customers().addPhone(admin, c.id(), NewPhone.of(extra));
            int before = timeline(admin, c).size();

            crm.customers().updatePhone(admin, c.id(), extra, PhoneChange.status(PhoneStatus.INVALID));
            Activity edited = timeline(admin, c).get(0);
            crm.customers().removePhone(admin, c.id(), extra);
            Activity removed = timeline(admin, c).get(0);

            assertThat(timeline(admin, c)).hasSize(before + 2);
            assertThat(edited.type()).isEqualTo(ActivityType.LOG);
            assertThat(edited.changes()).isNotEmpty();
            assertThat(edited.toString()).contains("INVALID");
            assertThat(removed.type()).isEqualTo(ActivityType.LOG);
            assertThat(removed.changes()).extracting(FieldChange::oldValue).contains(extra);
        }

        @Test
        @DisplayName("a customer created again with a deleted customer's phone starts with an empty history")
        void recreatedCustomerHasFreshHistory() {
            Customer gone = crm.customers().create(admin, NewCustomer.builder("Ali Veli", "0532 999 00 01").build());
            note(admin, gone, "old history");
            crm.customers().delete(admin, gone.id());

            Customer again = crm.customers().create(admin, NewCustomer.builder("Ali Veli", "0532 999 00 01").build());

            assertThat(again.id()).isNotEqualTo(gone.id());
            assertThat(timeline(admin, again)).hasSize(1).extracting(Activity::text).doesNotContain("old history");
            assertThat(feed(admin)).extracting(Activity::text).doesNotContain("old history");
        }
    }

    @Nested
    @DisplayName("the customer timeline")
    class Timeline {

        @Test
        @DisplayName("lists entries newest first: the largest id first")
        void isNewestFirst() {
            Customer c = newCustomer("Ali Veli");
            List<Activity> added = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tick();
                added.add(note(admin, c, "note " + i));
            }

            List<Activity> timeline = timeline(admin, c);

            assertThat(timeline).hasSize(6);
            assertNewestFirstWithoutRepeats(timeline);
            assertThat(timeline.subList(0, 5)).containsExactly(
                    added.get(4), added.get(3), added.get(2), added.get(1), added.get(0));
            assertThat(timeline.get(5).type()).isEqualTo(ActivityType.LOG);
        }

        @Test
        @DisplayName("orders entries made at the same instant by id, newest first")
        void sameInstantEntriesAreOrderedById() {
            Customer c = newCustomer("Ali Veli");
            Activity a = note(admin, c, "a");
            Activity b = note(admin, c, "b");
            Activity d = note(admin, c, "c");

            assertThat(timeline(admin, c).subList(0, 3)).containsExactly(d, b, a);
        }

        @Test
        @DisplayName("holds only the entries of its own customer")
        void holdsOnlyItsOwnCustomersEntries() {
            Customer first = newCustomer("Ali Veli");
            Customer second = newCustomer("Veli Ali");
            note(admin, first, "for the first");
            note(admin, second, "for the second");

            assertThat(timeline(admin, first)).extracting(Activity::customerId).containsOnly(first.id());
            assertThat(timeline(admin, first)).extracting(Activity::text).contains("for the first")
                    .doesNotContain("for the second");
        }

        @Test
        @DisplayName("of a customer that does not exist is refused with CUSTOMER_NOT_FOUND")
        void unknownCustomerIsNotFound() {
            Customer c = newCustomer("Ali Veli");

            Throwable thrown = catchThrowable(
                    () -> crm.activities().timeline(admin, c.id() + 1_000_000, ActivityQuery.newest()));

            assertCode(thrown, ErrorCode.CUSTOMER_NOT_FOUND);
        }

        @Test
        @DisplayName("of a deleted customer is refused with CUSTOMER_NOT_FOUND")
        void deletedCustomerIsNotFound() {
            Customer c = newCustomer("Ali Veli");
            note(admin, c, "soon gone");
            crm.customers().delete(admin, c.id());

            Throwable thrown = catchThrowable(
                    () -> crm.activities().timeline(admin, c.id(), ActivityQuery.newest()));

            assertCode(thrown, ErrorCode.CUSTOMER_NOT_FOUND);
        }

        @Test
        @DisplayName("is readable with VIEW, the level of users without a grant")
        void isReadableWithView() {
            Customer c = newCustomer("Ali Veli");
            note(admin, c, "visible");

            assertThat(timeline(agent(), c)).extracting(Activity::text).contains("visible");
        }
    }

    @Nested
    @DisplayName("filtering by type")
    class TypeFilter {

        @Test
        @DisplayName("a NOTE filter gives only the notes, newest first")
        void noteFilterGivesOnlyNotes() {
            Customer c = newCustomer("Ali Veli");
            Activity n1 = note(admin, c, "first");
            c = crm.customers().update(admin, CustomerUpdate.of(c).company("Acme Ltd").build());
            Activity n2 = note(admin, c, "second");
            crm.customers().addPhone(admin, c.id(), NewPhone.of(nextPhone()));

            Page<Activity> page = crm.activities().timeline(admin, c.id(), ActivityQuery.ofTypes(50, ActivityType.NOTE));

            assertThat(page.items()).containsExactly(n2, n1);
            assertThat(page.hasNext()).isFalse();
        }

        @Test
        @DisplayName("a LOG filter gives only system entries")
        void logFilterGivesOnlyLogs() {
            Customer c = newCustomer("Ali Veli");
            note(admin, c, "first");
            c = crm.customers().update(admin, CustomerUpdate.of(c).company("Acme Ltd").build());
            note(admin, c, "second");
            crm.customers().addPhone(admin, c.id(), NewPhone.of(nextPhone()));

            List<Activity> logs = crm.activities().timeline(admin, c.id(), ActivityQuery.ofTypes(50, ActivityType.LOG))
                    .items();

            assertThat(logs).hasSize(3).extracting(Activity::type).containsOnly(ActivityType.LOG);
            assertNewestFirstWithoutRepeats(logs);
        }

        @Test
        @DisplayName("a filter of several types gives the entries of any of them")
        void severalTypesGiveTheirUnion() {
            Customer c = newCustomer("Ali Veli");
            note(admin, c, "first");
            note(admin, c, "second");

            List<Activity> both = crm.activities().timeline(admin, c.id(),
                    ActivityQuery.ofTypes(50, ActivityType.NOTE, ActivityType.LOG)).items();

            assertThat(both).isEqualTo(timeline(admin, c));
            assertThat(both).hasSize(3);
        }

        @Test
        @DisplayName("a filter for a type without entries gives an empty last page")
        void filterWithoutMatchesIsEmpty() {
            Customer c = newCustomer("Ali Veli");
            note(admin, c, "first");

            Page<Activity> page = crm.activities().timeline(admin, c.id(), ActivityQuery.ofTypes(10, ActivityType.CALL));

            assertThat(page.items()).isEmpty();
            assertThat(page.hasNext()).isFalse();
        }

        @Test
        @DisplayName("paging with a type filter returns every matching entry once")
        void pagingWithFilterIsComplete() {
            Customer c = newCustomer("Ali Veli");
            List<Long> noteIds = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                noteIds.add(0, note(admin, c, "note " + i).id());
                c = crm.customers().update(admin, CustomerUpdate.of(c).processingStatus("S" + i).build());
            }
            long customerId = c.id();

            List<Page<Activity>> pages = allPages(
                    q -> crm.activities().timeline(admin, customerId, q), ActivityQuery.ofTypes(4, ActivityType.NOTE));

            List<Activity> all = flatten(pages);
            assertThat(all).extracting(Activity::type).containsOnly(ActivityType.NOTE);
            assertThat(ids(all)).isEqualTo(noteIds);
            assertThat(pages).hasSize(7);
        }
    }

    @Nested
    @DisplayName("paging a long timeline")
    class Paging {

        /** A customer with 57 entries: its "created" entry and 56 notes. */
        private Customer longTimeline() {
            Customer c = newCustomer("Ali Veli");
            for (int i = 0; i < 56; i++) {
                if (i % 3 == 0) {
                    tick();
                }
                note(admin, c, "note " + i);
            }
            return c;
        }

        @Test
        @DisplayName("pages of 10 over 57 entries return each entry once, newest first, then stop")
        void pagesCoverEveryEntryOnce() {
            Customer c = longTimeline();
            List<Activity> expected = timeline(admin, c);

            List<Page<Activity>> pages = allPages(
                    q -> crm.activities().timeline(admin, c.id(), q), ActivityQuery.newest(10));

            assertThat(pages).extracting(p -> p.items().size()).containsExactly(10, 10, 10, 10, 10, 7);
            assertThat(pages.subList(0, 5)).allMatch(Page::hasNext);
            assertThat(pages.get(5).nextCursor()).isNull();
            List<Activity> all = flatten(pages);
            assertThat(expected).hasSize(57);
            assertThat(all).isEqualTo(expected);
            assertNewestFirstWithoutRepeats(all);
        }

        @Test
        @DisplayName("a last page that is exactly full has no cursor")
        void exactlyFullLastPageHasNoCursor() {
            Customer c = newCustomer("Ali Veli");
            for (int i = 0; i < 19; i++) {
                note(admin, c, "note " + i);
            }

            List<Page<Activity>> pages = allPages(
                    q -> crm.activities().timeline(admin, c.id(), q), ActivityQuery.newest(10));

            assertThat(pages).extracting(p -> p.items().size()).containsExactly(10, 10);
            assertThat(pages.get(1).hasNext()).isFalse();
        }

        @Test
        @DisplayName("notes added between page reads never show up in older pages, and nothing is skipped")
        void entriesAddedBetweenPagesDoNotShift() {
            Customer c = longTimeline();
            List<Long> before = ids(timeline(admin, c));

            List<Activity> seen = new ArrayList<>();
            List<Long> added = new ArrayList<>();
            ActivityQuery query = ActivityQuery.newest(10);
            int round = 0;
            while (true) {
                Page<Activity> page = crm.activities().timeline(admin, c.id(), query);
                seen.addAll(page.items());
                for (int i = 0; i < 3; i++) {
                    added.add(note(admin, c, "arrived during paging " + round + "/" + i).id());
                }
                round++;
                if (!page.hasNext()) {
                    break;
                }
                query = query.after(page.nextCursor());
            }

            assertThat(ids(seen)).isEqualTo(before);
            assertThat(ids(seen)).doesNotContainAnyElementsOf(added);
            List<Long> fresh = ids(timeline(admin, c));
            assertThat(fresh).hasSize(57 + added.size());
            assertThat(fresh.subList(0, added.size())).containsExactlyInAnyOrderElementsOf(added);
        }

        @Test
        @DisplayName("paging while another thread adds notes neither skips nor repeats an entry")
        void pagingWhileAnotherThreadWrites() throws Exception {
            Customer c = longTimeline();
            Set<Long> existingBefore = new HashSet<>(ids(timeline(admin, c)));
            try (BackgroundWriter writer = BackgroundWriter.start(10_000,
                    i -> crm.activities().addNote(admin, c.id(), "concurrent " + i))) {
                List<Activity> seen = new ArrayList<>();
                ActivityQuery query = ActivityQuery.newest(10);
                while (true) {
                    int writtenBefore = writer.steps();
                    Page<Activity> page = crm.activities().timeline(admin, c.id(), query);
                    seen.addAll(page.items());
                    writer.awaitSteps(writtenBefore + 2);
                    if (!page.hasNext()) {
                        break;
                    }
                    query = query.after(page.nextCursor());
                }
                int written = writer.stop();

                assertNewestFirstWithoutRepeats(seen);
                assertThat(new HashSet<>(ids(seen))).containsAll(existingBefore);
                List<Activity> after = flatten(allPages(
                        q -> crm.activities().timeline(admin, c.id(), q), ActivityQuery.newest(1000)));
                assertThat(after.size()).as("entries after the writer stopped").isEqualTo(57 + written);
                assertNewestFirstWithoutRepeats(after);
            }
        }

        @Test
        @DisplayName("a cursor that is not one of an activity list is refused with CURSOR_INVALID")
        void foreignCursorIsRefused() {
            Customer c = longTimeline();
            newCustomer("Veli Ali");
            String customerCursor = crm.customers().search(admin, CustomerQuery.builder().limit(1).build()).nextCursor();
            assertThat(customerCursor).isNotNull();

            Throwable garbage = catchThrowable(() -> crm.activities()
                    .timeline(admin, c.id(), ActivityQuery.newest(10).after("not a cursor!")));
            Throwable foreign = catchThrowable(() -> crm.activities()
                    .timeline(admin, c.id(), ActivityQuery.newest(10).after(customerCursor)));

            assertCode(garbage, ErrorCode.CURSOR_INVALID);
            assertCode(foreign, ErrorCode.CURSOR_INVALID);
        }
    }

    @Nested
    @DisplayName("the tenant-wide feed")
    class Feed {

        @Test
        @DisplayName("shows the entries of every customer, newest first")
        void showsAllCustomersNewestFirst() {
            Customer first = newCustomer("Ali Veli");
            Customer second = newCustomer("Veli Ali");
            Activity a = note(admin, first, "a");
            tick();
            Activity b = note(admin, second, "b");
            tick();
            Activity d = note(admin, first, "c");

            List<Activity> feed = feed(admin);

            assertThat(feed).hasSize(5);
            assertThat(feed.subList(0, 3)).containsExactly(d, b, a);
            assertThat(feed).extracting(Activity::customerId).containsOnly(first.id(), second.id());
            assertNewestFirstWithoutRepeats(feed);
        }

        @Test
        @DisplayName("pages across customers return every entry once, newest first")
        void pagesAcrossCustomers() {
            List<Customer> customers = List.of(newCustomer("Ali Veli"), newCustomer("Veli Ali"), newCustomer("Can Er"));
            for (int i = 0; i < 8; i++) {
                for (Customer c : customers) {
                    note(admin, c, "note " + i + " for " + c.fullName());
                }
                tick();
            }
            List<Activity> expected = feed(admin);

            List<Page<Activity>> pages = allPages(q -> crm.activities().feed(admin, q), ActivityQuery.newest(5));

            assertThat(expected).hasSize(27);
            assertThat(pages).extracting(p -> p.items().size()).containsExactly(5, 5, 5, 5, 5, 2);
            assertThat(flatten(pages)).isEqualTo(expected);
        }

        @Test
        @DisplayName("equals the union of all timelines")
        void isTheUnionOfTimelines() {
            Customer first = newCustomer("Ali Veli");
            Customer second = newCustomer("Veli Ali");
            note(admin, first, "a");
            note(admin, second, "b");
            crm.customers().update(admin, CustomerUpdate.of(first).company("X").build());

            Set<Activity> union = new HashSet<>(timeline(admin, first));
            union.addAll(timeline(admin, second));

            assertThat(feed(admin)).containsExactlyInAnyOrderElementsOf(union);
        }

        @Test
        @DisplayName("notes added between page reads never show up in older feed pages")
        void entriesAddedBetweenFeedPagesDoNotShift() {
            Customer first = newCustomer("Ali Veli");
            Customer second = newCustomer("Veli Ali");
            for (int i = 0; i < 20; i++) {
                note(admin, i % 2 == 0 ? first : second, "note " + i);
            }
            List<Long> before = ids(feed(admin));

            List<Activity> seen = new ArrayList<>();
            ActivityQuery query = ActivityQuery.newest(7);
            while (true) {
                Page<Activity> page = crm.activities().feed(admin, query);
                seen.addAll(page.items());
                note(admin, first, "arrived");
                newCustomer("Arrived " + seen.size());
                if (!page.hasNext()) {
                    break;
                }
                query = query.after(page.nextCursor());
            }

            assertThat(ids(seen)).isEqualTo(before);
        }

        @Test
        @DisplayName("paging the feed while another thread adds customers and notes neither skips nor repeats an entry")
        void feedPagingWhileAnotherThreadWrites() throws Exception {
            Customer first = newCustomer("Ali Veli");
            for (int i = 0; i < 40; i++) {
                note(admin, first, "note " + i);
            }
            Set<Long> existingBefore = new HashSet<>(ids(feed(admin)));
            try (BackgroundWriter writer = BackgroundWriter.start(10_000, n -> {
                if (n % 5 == 0) {
                    crm.customers().create(admin, NewCustomer
                            .builder("Concurrent " + n, String.format("+90533%07d", n)).build());
                } else {
                    crm.activities().addNote(admin, first.id(), "concurrent " + n);
                }
            })) {
                List<Activity> seen = new ArrayList<>();
                ActivityQuery query = ActivityQuery.newest(7);
                while (true) {
                    int writtenBefore = writer.steps();
                    Page<Activity> page = crm.activities().feed(admin, query);
                    seen.addAll(page.items());
                    writer.awaitSteps(writtenBefore + 2);
                    if (!page.hasNext()) {
                        break;
                    }
                    query = query.after(page.nextCursor());
                }
                writer.stop();

                assertNewestFirstWithoutRepeats(seen);
                assertThat(new HashSet<>(ids(seen))).containsAll(existingBefore);
            }
        }

        @Test
        @DisplayName("a type filter applies to the feed")
        void typeFilterApplies() {
            Customer first = newCustomer("Ali Veli");
            Customer second = newCustomer("Veli Ali");
            Activity a = note(admin, first, "a");
            Activity b = note(admin, second, "b");

            List<Activity> notes = crm.activities().feed(admin, ActivityQuery.ofTypes(50, ActivityType.NOTE)).items();
            List<Activity> logs = crm.activities().feed(admin, ActivityQuery.ofTypes(50, ActivityType.LOG)).items();

            assertThat(notes).containsExactly(b, a);
            assertThat(logs).hasSize(2).extracting(Activity::type).containsOnly(ActivityType.LOG);
        }

        @Test
        @DisplayName("keeps nothing of a deleted customer")
        void deletedCustomerLeavesNothing() {
            Customer gone = newCustomer("Ali Veli");
            Customer kept = newCustomer("Veli Ali");
            note(admin, gone, "a");
            note(admin, kept, "b");

            crm.customers().delete(admin, gone.id());

            assertThat(feed(admin)).hasSize(2).extracting(Activity::customerId).containsOnly(kept.id());
        }

        @Test
        @DisplayName("is empty for a tenant without activities")
        void emptyTenantHasEmptyFeed() {
            Page<Activity> page = crm.activities().feed(admin, ActivityQuery.newest());

            assertThat(page.items()).isEmpty();
            assertThat(page.hasNext()).isFalse();
        }
    }

    @Nested
    @DisplayName("changes of a custom field visible only to finance")
    class FieldVisibility {

        private Customer customer;
        private Activity hiddenOnly;
        private Activity mixed;
        private Activity visibleOnly;

        /**
         * A customer with three updates: one changing only the finance field, one changing the name
         * and the finance field, one changing only the segment.
         */
        private void prepare() {
            crm.customFields().define(admin, CustomFieldDefinition
                    .builder("creditLimit", "Credit limit", FieldType.NUMBER).visibleTo("finance").build());
            customer = newCustomer("Ali Veli");
            tick();
            customer = crm.customers().update(admin,
                    CustomerUpdate.of(customer).customField("creditLimit", new BigDecimal("5000")).build());
            hiddenOnly = timeline(admin, customer).get(0);
            tick();
            customer = crm.customers().update(admin, CustomerUpdate.of(customer).fullName("Ali Veli Kaya")
                    .customField("creditLimit", new BigDecimal("7000")).build());
            mixed = timeline(admin, customer).get(0);
            tick();
            customer = crm.customers().update(admin, CustomerUpdate.of(customer).segment(Segment.VIP).build());
            visibleOnly = timeline(admin, customer).get(0);
        }

        private void assertHidesFinanceField(List<Activity> seen) {
            assertThat(seen).flatExtracting(Activity::changes).extracting(FieldChange::field)
                    .doesNotContain("creditLimit");
            assertThat(seen.toString()).doesNotContain("5000").doesNotContain("7000");
            assertThat(seen).filteredOn(a -> a.id() == hiddenOnly.id()).allMatch(a -> a.changes().isEmpty());
            assertThat(seen).filteredOn(a -> a.id() == mixed.id()).singleElement()
                    .satisfies(a -> assertThat(a.changes())
                            .containsExactly(new FieldChange("fullName", "Ali Veli", "Ali Veli Kaya")));
            assertThat(seen).filteredOn(a -> a.id() == visibleOnly.id()).singleElement().isEqualTo(visibleOnly);
        }

        @Test
        @DisplayName("the admin sees them with their values")
        void adminSeesThem() {
            prepare();

            assertThat(hiddenOnly.changes()).containsExactly(new FieldChange("creditLimit", null, "5000"));
            assertThat(mixed.changes()).containsExactlyInAnyOrder(
                    new FieldChange("fullName", "Ali Veli", "Ali Veli Kaya"),
                    new FieldChange("creditLimit", "5000", "7000"));
            assertThat(feed(admin)).contains(hiddenOnly, mixed, visibleOnly);
        }

        @Test
        @DisplayName("a finance user sees them in the timeline and the feed")
        void financeSeesThem() {
            prepare();

            assertThat(timeline(finance(), customer)).contains(hiddenOnly, mixed, visibleOnly);
            assertThat(feed(finance())).contains(hiddenOnly, mixed, visibleOnly);
        }

        @Test
        @DisplayName("an agent's timeline leaves them out and keeps the rest of each entry")
        void agentTimelineHidesThem() {
            prepare();

            List<Activity> seen = timeline(agent(), customer);

            assertHidesFinanceField(seen);
            assertThat(seen).extracting(Activity::id).contains(mixed.id(), visibleOnly.id());
        }

        @Test
        @DisplayName("an agent's feed leaves them out and keeps the rest of each entry")
        void agentFeedHidesThem() {
            prepare();

            List<Activity> seen = feed(agent());

            assertHidesFinanceField(seen);
            assertThat(seen).extracting(Activity::id).contains(mixed.id(), visibleOnly.id());
        }

        @Test
        @DisplayName("an agent with EDIT does not see them either")
        void agentWithEditDoesNotSeeThem() {
            prepare();
            Actor editor = userWithLevel("ayse", PermissionLevel.EDIT, "agents");

            assertHidesFinanceField(timeline(editor, customer));
            assertHidesFinanceField(feed(editor));
        }

        @Test
        @DisplayName("a MANAGE user outside finance sees them, as MANAGE sees every field")
        void manageUserSeesThem() {
            prepare();
            Actor manager = userWithLevel("mehmet", PermissionLevel.MANAGE, "agents");

            assertThat(timeline(manager, customer)).contains(hiddenOnly, mixed, visibleOnly);
        }

        @Test
        @DisplayName("an agent paging in small pages sees each visible entry once and nothing of the field")
        void agentPagingSkipsNothingVisible() {
            crm.customFields().define(admin, CustomFieldDefinition
                    .builder("creditLimit", "Credit limit", FieldType.NUMBER).visibleTo("finance").build());
            Customer c = newCustomer("Ali Veli");
            for (int i = 0; i < 15; i++) {
                c = crm.customers().update(admin,
                        CustomerUpdate.of(c).customField("creditLimit", BigDecimal.valueOf(1000 + i)).build());
                c = crm.customers().update(admin, CustomerUpdate.of(c).processingStatus("P" + i).build());
                note(admin, c, "note " + i);
            }
            long id = c.id();
            List<Activity> everything = timeline(admin, c);
            List<Long> visibleIds = everything.stream()
                    .filter(a -> a.changes().stream().noneMatch(ch -> ch.field().equals("creditLimit")))
                    .map(Activity::id).toList();

            List<Activity> paged = flatten(allPages(
                    q -> crm.activities().timeline(agent(), id, q), ActivityQuery.newest(4)));

            assertNewestFirstWithoutRepeats(paged);
            assertThat(paged).flatExtracting(Activity::changes).extracting(FieldChange::field)
                    .doesNotContain("creditLimit");
            assertThat(ids(paged)).containsAll(visibleIds);
            assertThat(paged).filteredOn(a -> !visibleIds.contains(a.id())).allMatch(a -> a.changes().isEmpty());
        }

        @Test
        @DisplayName("a customer created with a value for the field shows that value to no agent")
        void createdEntryDoesNotRevealValue() {
            crm.customFields().define(admin, CustomFieldDefinition
                    .builder("creditLimit", "Credit limit", FieldType.NUMBER).visibleTo("finance").build());
            Customer c = crm.customers().create(admin, NewCustomer.builder("Ali Veli", nextPhone())
                    .customField("creditLimit", new BigDecimal("8765")).build());

            List<Activity> seen = timeline(agent(), c);

            assertThat(seen).hasSize(1);
            assertThat(seen.toString()).doesNotContain("8765");
            assertThat(feed(agent()).toString()).doesNotContain("8765");
        }

        @Test
        @DisplayName("making the field visible to everyone shows its past changes to agents")
        void wideningVisibilityShowsPastChanges() {
            prepare();

            crm.customFields().redefine(admin, CustomFieldDefinition
                    .builder("creditLimit", "Credit limit", FieldType.NUMBER).build());

            assertThat(timeline(agent(), customer)).contains(hiddenOnly, mixed, visibleOnly);
        }

        @Test
        @DisplayName("restricting a field to finance later hides its past changes from agents")
        void narrowingVisibilityHidesPastChanges() {
            crm.customFields().define(admin, CustomFieldDefinition
                    .builder("creditLimit", "Credit limit", FieldType.NUMBER).build());
            Customer c = newCustomer("Ali Veli");
            crm.customers().update(admin,
                    CustomerUpdate.of(c).customField("creditLimit", new BigDecimal("4321")).build());
            assertThat(timeline(agent(), c).toString()).contains("4321");

            crm.customFields().redefine(admin, CustomFieldDefinition
                    .builder("creditLimit", "Credit limit", FieldType.NUMBER).visibleTo("finance").build());

            assertThat(timeline(agent(), c).toString()).doesNotContain("4321");
            assertThat(feed(agent()).toString()).doesNotContain("4321");
            assertThat(timeline(finance(), c).toString()).contains("4321");
        }

        @Test
        @DisplayName("deleting the field does not reveal its past values to agents")
        void deletingFieldDoesNotRevealPastValues() {
            prepare();

            crm.customFields().delete(admin, "creditLimit");

            List<Activity> seen = timeline(agent(), customer);
            assertThat(seen).flatExtracting(Activity::changes).extracting(FieldChange::field)
                    .doesNotContain("creditLimit");
            assertThat(seen.toString()).doesNotContain("5000").doesNotContain("7000");
            assertThat(feed(agent()).toString()).doesNotContain("5000").doesNotContain("7000");
        }
    }

    @Nested
    @DisplayName("the audit log")
    class AuditLog {

        @Test
        @DisplayName("is refused to users below MANAGE")
        void needsManage() {
            Actor editor = userWithLevel("erkan", PermissionLevel.EDIT, "agents");

            assertThatThrownBy(() -> crm.activities().auditLog(agent(), 10))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> crm.activities().auditLog(editor, 10))
                    .isInstanceOf(PermissionDeniedException.class)
                    .extracting(e -> ((CrmException) e).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        }

        @Test
        @DisplayName("is open to a MANAGE user who is not an admin")
        void openToManage() {
            Actor manager = userWithLevel("merve", PermissionLevel.MANAGE, "managers");
            Customer c = newCustomer("Ali Veli");
            crm.customers().delete(admin, c.id());

            assertThat(crm.activities().auditLog(manager, 10))
                    .anyMatch(e -> e.subject().equals(Long.toString(c.id())));
        }

        @Test
        @DisplayName("records a deletion with who, when and the customer id")
        void recordsDeletion() {
            Actor editor = userWithLevel("erkan", PermissionLevel.EDIT, "agents");
            Customer c = newCustomer("Ali Veli");
            tick(Duration.ofMinutes(3));
            Instant now = clock.instant();

            crm.customers().delete(editor, c.id());

            List<AuditEntry> log = crm.activities().auditLog(admin, 10);
            assertThat(log).filteredOn(e -> e.action().equals("CUSTOMER_DELETED")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.subject()).isEqualTo(Long.toString(c.id()));
                        assertThat(e.actorId()).isEqualTo("erkan");
                        assertThat(e.at()).isEqualTo(now);
                    });
        }

        @Test
        @DisplayName("keeps no name, phone, e-mail or national id of a deleted customer")
        void deletionEntryIsNotPersonal() {
            Customer c = crm.customers().create(admin, NewCustomer.builder("Zübeyde Hanım", "0532 987 65 43")
                    .email("zubeyde@example.com.tr").company("Selanik Tekstil").nationalId("10000000146").build());
            crm.customers().addPhone(admin, c.id(), NewPhone.of("0533 111 22 33"));

            crm.customers().delete(admin, c.id());

            List<AuditEntry> log = crm.activities().auditLog(admin, 1000);
            assertThat(log).anyMatch(e -> e.subject().equals(Long.toString(c.id())));
            String everything = log.toString();
            assertThat(everything).doesNotContain("Zübeyde", "Hanım", "zubeyde", "Selanik", "10000000146",
                    "5329876543", "5331112233");
        }

        @Test
        @DisplayName("lists entries newest first and no more than asked")
        void newestFirstWithLimit() {
            Customer first = newCustomer("Ali Veli");
            Customer second = newCustomer("Veli Ali");
            Customer third = newCustomer("Can Er");
            crm.customers().delete(admin, first.id());
            tick();
            crm.customers().delete(admin, second.id());
            tick();
            crm.customers().delete(admin, third.id());

            List<AuditEntry> all = crm.activities().auditLog(admin, 1000);
            List<AuditEntry> two = crm.activities().auditLog(admin, 2);

            List<AuditEntry> deletions = all.stream().filter(e -> e.action().equals("CUSTOMER_DELETED")).toList();
            assertThat(deletions).extracting(AuditEntry::subject).containsExactly(
                    Long.toString(third.id()), Long.toString(second.id()), Long.toString(first.id()));
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).id()).isLessThan(all.get(i - 1).id());
            }
            assertThat(two).hasSize(2).isEqualTo(all.subList(0, 2));
        }

        @Test
        @DisplayName("records the deletion of a custom field with who, when and the field's key")
        void recordsFieldDeletion() {
            crm.customFields().define(admin, CustomFieldDefinition.builder("tier", "Tier", FieldType.TEXT).build());
            tick(Duration.ofMinutes(1));
            Instant now = clock.instant();

            crm.customFields().delete(admin, "tier");

            assertThat(crm.activities().auditLog(admin, 10))
                    .anySatisfy(e -> {
                        assertThat(e.subject()).isEqualTo("tier");
                        assertThat(e.actorId()).isEqualTo("boss");
                        assertThat(e.at()).isEqualTo(now);
                    });
        }

        @Test
        @DisplayName("outlives the deleted customer's timeline")
        void outlivesTimeline() {
            Customer c = newCustomer("Ali Veli");
            note(admin, c, "about to go");

            crm.customers().delete(admin, c.id());

            assertThat(feed(admin)).isEmpty();
            assertThat(crm.activities().auditLog(admin, 10)).extracting(AuditEntry::subject)
                    .contains(Long.toString(c.id()));
        }
    }
}
