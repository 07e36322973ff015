package dev.crmkit.spring.autoconfigure;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.Page;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerService;
import dev.crmkit.core.customer.CustomerUpdate;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.NewPhone;
import dev.crmkit.core.customer.PhoneChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;

/** Counts every call by type and outcome, then passes it on; see {@link CrmMetricsAutoConfiguration}. */
final class MeteredCustomerService implements CustomerService {

    static final String NAME = "crm.customer.operations";

    private final CustomerService service;
    private final MeterRegistry registry;

    MeteredCustomerService(CustomerService service, MeterRegistry registry) {
        this.service = service;
        this.registry = registry;
    }

    private <T> T counted(String type, Supplier<T> call) {
        try {
            T result = call.get();
            counter(type, "success", "none").increment();
            return result;
        } catch (CrmException e) {
            counter(type, "failure", e.code().name()).increment();
            throw e;
        } catch (RuntimeException | Error e) {
            counter(type, "failure", "OTHER").increment();
            throw e;
        }
    }

    private Counter counter(String type, String outcome, String error) {
        return Counter.builder(NAME)
                .description("Calls to the customer service, by type and outcome")
                .tags("type", type, "outcome", outcome, "error", error)
                .register(registry);
    }

    @Override
    public Customer create(Actor actor, NewCustomer customer) {
        return counted("create", () -> service.create(actor, customer));
    }

    @Override
    public Customer get(Actor actor, long customerId) {
        return counted("get", () -> service.get(actor, customerId));
    }

    @Override
    public dev.crmkit.core.customer.CustomerCard card(Actor actor, long customerId, int maxWorkItems, int maxActivities) {
        return counted("card", () -> service.card(actor, customerId, maxWorkItems, maxActivities));
    }

    @Override
    public Optional<Customer> findByPhone(Actor actor, String phone) {
        return counted("find_by_phone", () -> service.findByPhone(actor, phone));
    }

    @Override
    public Customer update(Actor actor, CustomerUpdate update) {
        return counted("update", () -> service.update(actor, update));
    }

    @Override
    public void delete(Actor actor, long customerId) {
        counted("delete", () -> {
            service.delete(actor, customerId);
            return null;
        });
    }

    @Override
    public Optional<String> revealNationalId(Actor actor, long customerId) {
        return counted("reveal_national_id", () -> service.revealNationalId(actor, customerId));
    }

    @Override
    public Page<Customer> search(Actor actor, CustomerQuery query) {
        return counted("search", () -> service.search(actor, query));
    }

    @Override
    public long count(Actor actor, CustomerQuery query) {
        return counted("count", () -> service.count(actor, query));
    }

    @Override
    public Customer addPhone(Actor actor, long customerId, NewPhone phone) {
        return counted("add_phone", () -> service.addPhone(actor, customerId, phone));
    }

    @Override
    public Customer updatePhone(Actor actor, long customerId, String number, PhoneChange change) {
        return counted("update_phone", () -> service.updatePhone(actor, customerId, number, change));
    }

    @Override
    public Customer removePhone(Actor actor, long customerId, String number) {
        return counted("remove_phone", () -> service.removePhone(actor, customerId, number));
    }

    @Override
    public Customer recordContact(Actor actor, long customerId, String number) {
        return counted("record_contact", () -> service.recordContact(actor, customerId, number));
    }
}
