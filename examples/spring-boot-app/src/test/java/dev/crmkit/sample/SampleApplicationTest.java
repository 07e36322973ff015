package dev.crmkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.sample.CustomerController.CustomerView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {

    @Autowired
    TestRestTemplate http;

    @Autowired
    Crm crm;

    @Autowired
    DemoActor actor;

    @Test
    void theSampleFileIsImportedOnStartUpAndSearchFindsAyseWrittenWithoutTurkishLetters() {
        ResponseEntity<CustomerView[]> response = http.getForEntity("/customers?q=ayse", CustomerView[].class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).extracting(CustomerView::fullName)
                .containsExactlyInAnyOrder("Ayşe Yılmaz", "Ayşegül Koç");
        assertThat(response.getBody()).filteredOn(c -> c.fullName().equals("Ayşe Yılmaz")).singleElement()
                .satisfies(c -> {
                    assertThat(c.phone()).isEqualTo("+905301234567");
                    assertThat(c.company()).isEqualTo("İstanbul Lojistik");
                    assertThat(c.segment()).isEqualTo("VIP");
                });
        assertThat(http.getForObject("/customers", CustomerView[].class)).extracting(CustomerView::fullName)
                .contains("İsmail Kaya", "Işık Demir", "Çağrı Şahin", "Şükrü Ünal");
    }

    @Test
    void nationalIdsLeaveMasked() {
        crm.customers().create(actor.get(),
                NewCustomer.builder("Tülay Ersoy", "0538 765 43 21").nationalId("10000000146").build());

        String json = http.getForObject("/customers?q=tulay", String.class);

        assertThat(json).contains("\"nationalId\":\"*******0146\"").doesNotContain("10000000146");
    }
}
