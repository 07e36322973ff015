package dev.crmkit.sample;

import dev.crmkit.core.Crm;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /customers?q=ayse}: the customers a text search finds, as JSON. */
@RestController
public class CustomerController {

    /** What the endpoint shows of a customer; the national id is masked, as every read gives it. */
    public record CustomerView(long id, String fullName, String phone, String email, String company, String segment,
                               String nationalId) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id(), c.fullName(), c.phone().e164(), c.email(), c.company(),
                    c.segment().name(), c.nationalId());
        }
    }

    private final Crm crm;
    private final DemoActor actor;

    public CustomerController(Crm crm, DemoActor actor) {
        this.crm = crm;
        this.actor = actor;
    }

    @GetMapping("/customers")
    public List<CustomerView> search(@RequestParam(name = "q", defaultValue = "") String q,
                                     @RequestParam(name = "limit", defaultValue = "20") int limit) {
        CustomerQuery query = CustomerQuery.builder().text(q).limit(Math.max(1, Math.min(limit, 100))).build();
        return crm.customers().search(actor.get(), query).items().stream().map(CustomerView::of).toList();
    }
}
