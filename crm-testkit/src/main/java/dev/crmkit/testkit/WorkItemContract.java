package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.ActivityType;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.work.CustomerWorkItems;
import dev.crmkit.core.work.NewWorkItem;
import dev.crmkit.core.work.WorkItem;
import dev.crmkit.core.work.WorkItemKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Tasks, issues and calendar events as users observe them through {@link
 * dev.crmkit.core.work.WorkItemService}: the customer view's OVERDUE / PENDING / COMPLETED groups
 * moving with the clock, TASK activities for linked items, versions, and items kept and unlinked
 * when their customer is deleted.
 */
@DisplayName("Work items")
public abstract class WorkItemContract extends ContractSupport {

    protected Customer customer;

    @BeforeEach
    void aCustomer() {
        customer = crm.customers().create(admin, NewCustomer.builder("Ayşe Yılmaz", "0532 111 00 01").build());
    }

    private WorkItem task(String title, Instant due) {
        return crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, title).customer(customer.id())
                .assignee("ayse").dueAt(due).build());
    }

    @Nested
    @DisplayName("the customer view")
    class CustomerView {

        @Test
        void groupsItemsIntoOverduePendingAndCompletedAsTimePasses() {
            WorkItem callBack = task("Geri ara", START.plus(Duration.ofHours(1)));
            WorkItem sendOffer = task("Teklif gönder", START.plus(Duration.ofDays(2)));
            WorkItem someday = task("Ziyaret", null);
            WorkItem meeting = crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.EVENT, "Toplantı")
                    .customer(customer.id()).dueAt(START.plus(Duration.ofDays(1))).endsAt(START.plus(Duration.ofDays(1).plusHours(1)))
                    .build());
            WorkItem issue = crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.ISSUE, "Fatura hatası")
                    .customer(customer.id()).dueAt(START.minus(Duration.ofDays(1))).build());

            CustomerWorkItems now = crm.workItems().forCustomer(admin, customer.id());
            assertThat(now.overdue()).containsExactly(issue);
            assertThat(now.pending()).containsExactly(callBack, meeting, sendOffer, someday);
            assertThat(now.completed()).isEmpty();

            clock.advance(Duration.ofHours(30));
            WorkItem done = crm.workItems().setDone(admin, issue.id(), true, issue.version());
            CustomerWorkItems later = crm.workItems().forCustomer(admin, customer.id());
            assertThat(later.overdue()).containsExactly(callBack, meeting);
            assertThat(later.pending()).containsExactly(sendOffer, someday);
            assertThat(later.completed()).containsExactly(done);
            assertThat(done.done()).isTrue();
            assertThat(done.doneAt()).isEqualTo(START.plus(Duration.ofHours(30)));
            assertThat(done.version()).isEqualTo(issue.version() + 1);

            WorkItem reopened = crm.workItems().setDone(admin, issue.id(), false, done.version());
            assertThat(reopened.doneAt()).isNull();
            assertThat(crm.workItems().forCustomer(admin, customer.id()).overdue()).containsExactly(reopened, callBack, meeting);
        }

        @Test
        void linkedItemsWriteTaskActivitiesOnTheCustomer() {
            WorkItem t = task("Geri ara", START.plus(Duration.ofHours(1)));
            crm.workItems().update(admin, t.id(), NewWorkItem.of(t).title("Sabah geri ara").build(), t.version());

            var entries = crm.activities().timeline(admin, customer.id(), ActivityQuery.newest(10)).items().stream()
                    .filter(a -> a.type() == ActivityType.TASK).toList();
            assertThat(entries).extracting(Activity::text).containsExactly("Task 'Sabah geri ara' changed",
                    "Task 'Geri ara' created");
            assertThat(entries.get(0).data()).containsEntry("workItemId", Long.toString(t.id()))
                    .containsEntry("event", "WORK_ITEM_CHANGED");

            long before = crm.activities().feed(admin, ActivityQuery.newest(100)).items().size();
            crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, "Kendime not").build());
            assertThat(crm.activities().feed(admin, ActivityQuery.newest(100)).items()).as("an unlinked item logs nothing")
                    .hasSize((int) before);
        }
    }

    @Nested
    @DisplayName("changes")
    class Changes {

        @Test
        void anUpdateReplacesTheValuesAndChecksTheVersion() {
            WorkItem t = task("Geri ara", START.plus(Duration.ofHours(1)));
            clock.advance(Duration.ofMinutes(10));
            WorkItem moved = crm.workItems().update(admin, t.id(),
                    NewWorkItem.of(t).dueAt(START.plus(Duration.ofDays(1))).description("müşteri istedi").build(), t.version());

            assertThat(moved.dueAt()).isEqualTo(START.plus(Duration.ofDays(1)));
            assertThat(moved.description()).isEqualTo("müşteri istedi");
            assertThat(moved.updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));
            assertThat(moved.createdAt()).isEqualTo(START);
            assertThat(moved.createdBy()).isEqualTo("boss");
            assertThat(crm.workItems().get(admin, t.id())).isEqualTo(moved);

            TenantState before = TenantState.of(crm, admin);
            assertThatThrownBy(() -> crm.workItems().update(admin, t.id(), NewWorkItem.of(t).build(), t.version()))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_CONFLICT));
            assertThatThrownBy(() -> crm.workItems().get(admin, t.id() + 1000))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WORK_ITEM_NOT_FOUND));
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
        }

        @Test
        void badItemsAreRefusedWithEveryProblemAndUnknownLinksToo() {
            assertThatThrownBy(() -> NewWorkItem.builder(WorkItemKind.EVENT, " ").endsAt(START).build())
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                            .extracting(CrmValidationException.Violation::field).containsExactly("title", "dueAt"));
            assertThatThrownBy(() -> NewWorkItem.builder(WorkItemKind.TASK, "x").endsAt(START).build())
                    .isInstanceOf(CrmValidationException.class);
            assertThatThrownBy(() -> NewWorkItem.builder(WorkItemKind.EVENT, "x").dueAt(START).endsAt(START.minusSeconds(1)).build())
                    .isInstanceOf(CrmValidationException.class);
            TenantState before = TenantState.of(crm, admin);
            assertThatThrownBy(() -> crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, "x")
                    .customer(customer.id() + 1000).build()))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CUSTOMER_NOT_FOUND));
            assertThatThrownBy(() -> crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, "x")
                    .assignee("nobody").build()))
                    .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_UNKNOWN));
            assertThat(TenantState.of(crm, admin)).isEqualTo(before);
        }

        @Test
        void aDeletedItemIsGone() {
            WorkItem t = task("Geri ara", null);
            crm.workItems().delete(admin, t.id());
            assertThatThrownBy(() -> crm.workItems().get(admin, t.id())).isInstanceOf(NotFoundException.class);
            assertThat(crm.workItems().forCustomer(admin, customer.id()).pending()).isEmpty();
            assertThatThrownBy(() -> crm.workItems().delete(admin, t.id()))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WORK_ITEM_NOT_FOUND));
        }
    }

    @Nested
    @DisplayName("customer deletion")
    class CustomerDeletion {

        @Test
        void keepsTheItemsAndUnlinksThem() {
            WorkItem t = task("Geri ara", START.plus(Duration.ofHours(1)));
            WorkItem other = crm.workItems().create(admin, NewWorkItem.builder(WorkItemKind.TASK, "Başka").build());

            crm.customers().delete(admin, customer.id());

            WorkItem kept = crm.workItems().get(admin, t.id());
            assertThat(kept.customerId()).isNull();
            assertThat(kept.title()).isEqualTo("Geri ara");
            assertThat(kept.assignee()).isEqualTo("ayse");
            assertThat(crm.workItems().get(admin, other.id())).isEqualTo(other);
            WorkItem done = crm.workItems().setDone(admin, kept.id(), true, kept.version());
            assertThat(done.done()).isTrue();
        }
    }

    @Test
    void otherTenantsCannotReachTheItems() {
        WorkItem t = task("Geri ara", null);
        assertThatThrownBy(() -> crm.workItems().get(otherAdmin, t.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.workItems().forCustomer(otherAdmin, customer.id())).isInstanceOf(NotFoundException.class);
        assertThat(crm.workItems().get(admin, t.id())).isEqualTo(t);
    }
}
