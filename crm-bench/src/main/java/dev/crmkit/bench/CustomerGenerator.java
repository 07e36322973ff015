package dev.crmkit.bench;

import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.NewCustomer;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.text.TextFolding;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic Turkish customers, the same for the same seed: customer {@code i} depends only on the
 * seed and {@code i}, so any customer can be made again without keeping the others.
 *
 * <p>Names follow a rough popularity curve and keep their Turkish letters (Ayşe, Işık, Çağrı,
 * İsmail); a few are written in capitals, as imports often are. Every customer has a distinct
 * valid mobile number, written in one of the ways people write them; about a third work for a
 * company (some named after İstanbul, Ankara or İzmir), most have an e-mail address. One surname,
 * {@link #RARE_SURNAME}, is given to about one customer in 20,000. Immutable and thread-safe.
 */
final class CustomerGenerator {

    static final long DEFAULT_SEED = 0x5EEDC0FFEEL;

    /** About one customer in 20,000 has it; a search for it finds few customers. */
    static final String RARE_SURNAME = "Karaosmanoğlu";

    /**
     * Mobile prefixes libphonenumber accepts as valid Turkish mobiles: 550 and 556-558 are not
     * allocated and fail validation, so they are left out.
     */
    private static final int[] MOBILE_PREFIXES = {
        530, 531, 532, 533, 534, 535, 536, 537, 538, 539,
        540, 541, 542, 543, 544, 545, 546, 547, 548, 549,
        551, 552, 553, 554, 555, 559};
    private static final long SUBSCRIBERS = 10_000_000L;
    /** How many distinct numbers there are to hand out. */
    static final long PHONE_SPACE = MOBILE_PREFIXES.length * SUBSCRIBERS;
    /** A prime that does not divide {@link #PHONE_SPACE}, so {@code i * STRIDE} visits every slot once. */
    private static final long STRIDE = 179_424_673L;

    private static final String[] WOMEN = {
        "Ayşe", "Fatma", "Emine", "Zeynep", "Elif", "Hatice", "Meryem", "Zehra", "Merve", "Büşra",
        "Esra", "Özlem", "Gülşen", "Ayşegül", "Şerife", "Sultan", "Dilek", "Çiğdem", "Tuğba", "Yağmur",
        "İrem", "Ebru", "Işıl", "Songül", "Hülya", "Gökçe", "Sevgi", "Nur", "Özge", "Gülay",
        "Şükran", "Hanife", "Sibel", "Gül"};

    private static final String[] MEN = {
        "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman", "Yusuf",
        "Murat", "Ömer", "Ramazan", "Halil", "Süleyman", "Emre", "Burak", "Oğuz", "Çağrı", "Uğur",
        "Barış", "Gökhan", "Serkan", "Şükrü", "Tolga", "Doğan", "Eren", "Işık", "Kerem", "Cem",
        "Onur", "İlker", "Ümit", "Abdullah", "Recep"};

    private static final String[] SURNAMES = {
        "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
        "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek",
        "Polat", "Özcan", "Korkmaz", "Çakır", "Erdoğan", "Yavuz", "Can", "Acar", "Şen", "Aktaş",
        "Güler", "Yalçın", "Güneş", "Bozkurt", "Bulut", "Keskin", "Ünal", "Turan", "Gül", "Özer",
        "Işık", "Kaplan", "Avcı", "Sarı", "Tekin", "Taş", "Köse", "Yüksel", "Ateş", "Aksoy",
        "Güngör", "Uçar", "Erdem", "Çiftçi", "Karataş", "Çınar", "Tuncer", "Ergün", "Kocabaş", "Sönmez"};

    private static final String[] CITIES = {
        "İstanbul", "Ankara", "İzmir", "Bursa", "Antalya", "Konya", "Gaziantep", "Kocaeli", "Eskişehir", "Trabzon"};

    private static final String[] SECTORS = {
        "İnşaat", "Gıda", "Tekstil", "Lojistik", "Otomotiv", "Yazılım", "Turizm", "Enerji", "Mobilya",
        "Kimya", "Elektrik", "Danışmanlık", "Sağlık", "Tarım", "Mimarlık", "Reklam", "Gümrük", "Çelik Döküm"};

    private static final String[] COMPANY_SUFFIXES = {"A.Ş.", "Ltd. Şti.", "San. ve Tic. A.Ş.", "San. Tic. Ltd. Şti."};

    private static final String[] MAIL_DOMAINS = {
        "gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "yandex.com", "icloud.com", "ttmail.com"};
    private static final double[] MAIL_DOMAIN_WEIGHTS = {40, 20, 12, 8, 6, 5, 3};

    private static final Locale TURKISH = Locale.forLanguageTag("tr-TR");

    private static final double[] WOMEN_CDF = zipf(WOMEN.length, 0.6);
    private static final double[] MEN_CDF = zipf(MEN.length, 0.6);
    private static final double[] SURNAME_CDF = zipf(SURNAMES.length, 0.6);
    private static final double[] CITY_CDF = zipf(CITIES.length, 1.0);
    private static final double[] MAIL_DOMAIN_CDF = cdf(MAIL_DOMAIN_WEIGHTS);

    private final long seed;
    private final long phoneOffset;

    CustomerGenerator(long seed) {
        this.seed = seed;
        this.phoneOffset = Math.floorMod(new SplittableRandom(seed).nextLong(), PHONE_SPACE);
    }

    CustomerGenerator() {
        this(DEFAULT_SEED);
    }

    /**
     * The customer with this index.
     *
     * @param index 0 or more, below {@link #PHONE_SPACE}
     */
    NewCustomer customer(long index) {
        SplittableRandom r = randomFor(index);
        boolean woman = r.nextBoolean();
        String[] names = woman ? WOMEN : MEN;
        double[] namesCdf = woman ? WOMEN_CDF : MEN_CDF;
        String first = pick(names, namesCdf, r);
        if (r.nextInt(100) < 12) {
            String second = pick(names, namesCdf, r);
            if (!second.equals(first)) {
                first = first + " " + second;
            }
        }
        String last = r.nextInt(20_000) == 0 ? RARE_SURNAME : pick(SURNAMES, SURNAME_CDF, r);
        String fullName = first + " " + last;
        if (r.nextInt(100) < 5) {
            fullName = fullName.toUpperCase(TURKISH);
        }

        String company = null;
        if (r.nextInt(100) < 35) {
            company = company(last, r);
        }
        String email = null;
        if (r.nextInt(100) < 70) {
            email = email(first, last, company, r);
        }

        NewCustomer.Builder b = NewCustomer.builder(fullName, writtenPhone(index, r));
        if (company != null) {
            b.company(company);
            if (r.nextInt(100) < 40) {
                b.type(CustomerType.COMPANY);
            }
        }
        if (email != null) {
            b.email(email);
        }
        int s = r.nextInt(100);
        b.segment(s < 70 ? Segment.NORMAL : s < 85 ? Segment.POTENTIAL : s < 95 ? Segment.RISK : Segment.VIP);
        return b.build();
    }

    /** The primary phone of customer {@code index} in E.164 form: {@code +905321234567}. */
    String e164(long index) {
        long slot = phoneSlot(index);
        return "+90" + MOBILE_PREFIXES[(int) (slot / SUBSCRIBERS)] + subscriber(slot);
    }

    /** The primary phone of customer {@code index} as dialled at home: {@code 0532 123 45 67}. */
    String nationalPhone(long index) {
        long slot = phoneSlot(index);
        String s = subscriber(slot);
        return "0" + MOBILE_PREFIXES[(int) (slot / SUBSCRIBERS)] + " " + s.substring(0, 3) + " " + s.substring(3, 5)
                + " " + s.substring(5);
    }

    private long phoneSlot(long index) {
        if (index < 0 || index >= PHONE_SPACE) {
            throw new IllegalArgumentException("index out of range: " + index);
        }
        return Math.floorMod(phoneOffset + index * STRIDE, PHONE_SPACE);
    }

    private static String subscriber(long slot) {
        String digits = Long.toString(slot % SUBSCRIBERS);
        return "0".repeat(7 - digits.length()) + digits;
    }

    /** The number in one of the forms people type, so that create parses realistic input. */
    private String writtenPhone(long index, SplittableRandom r) {
        String national = nationalPhone(index); // 0532 123 45 67
        int form = r.nextInt(100);
        if (form < 50) {
            return national;
        }
        String area = national.substring(1, 4);
        String digits = national.substring(5).replace(" ", "");
        if (form < 70) {
            return "0" + area + digits;
        }
        if (form < 85) {
            return "+90 " + national.substring(1);
        }
        if (form < 95) {
            return "(" + area + ") " + digits.substring(0, 3) + "-" + digits.substring(3);
        }
        return area + " " + digits.substring(0, 3) + " " + digits.substring(3);
    }

    private static String company(String ownerSurname, SplittableRandom r) {
        String sector = SECTORS[r.nextInt(SECTORS.length)];
        String suffix = COMPANY_SUFFIXES[r.nextInt(COMPANY_SUFFIXES.length)];
        String family = r.nextInt(100) < 60 ? ownerSurname : pick(SURNAMES, SURNAME_CDF, r);
        int form = r.nextInt(100);
        if (form < 55) {
            return family + " " + sector + " " + suffix;
        }
        String city = pick(CITIES, CITY_CDF, r);
        if (form < 80) {
            return city + " " + sector + " " + suffix;
        }
        return family + " " + sector + " " + city + " " + suffix;
    }

    private static String email(String first, String last, String company, SplittableRandom r) {
        String given = ascii(first.substring(0, first.indexOf(' ') < 0 ? first.length() : first.indexOf(' ')));
        String family = ascii(last);
        String local = switch (r.nextInt(5)) {
            case 0 -> given + "." + family;
            case 1 -> given + family;
            case 2 -> given + "_" + family;
            case 3 -> given.charAt(0) + family;
            default -> given + "." + family + (r.nextInt(90) + 10);
        };
        String domain;
        if (company != null && r.nextInt(100) < 50) {
            domain = ascii(company.substring(0, company.indexOf(' '))) + ".com.tr";
        } else {
            domain = pick(MAIL_DOMAINS, MAIL_DOMAIN_CDF, r);
        }
        return local + "@" + domain;
    }

    /** Lower-case ASCII letters only, as people write names in addresses: {@code Işık} gives {@code isik}. */
    private static String ascii(String name) {
        String folded = TextFolding.fold(name);
        StringBuilder sb = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= 'a' && c <= 'z') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private SplittableRandom randomFor(long index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }

    private static String pick(String[] values, double[] cdf, SplittableRandom r) {
        int i = Arrays.binarySearch(cdf, r.nextDouble());
        return values[Math.min(i < 0 ? -i - 1 : i, values.length - 1)];
    }

    /** Cumulative shares for ranks weighted {@code 1 / rank^exponent}. */
    private static double[] zipf(int n, double exponent) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 / Math.pow(i + 1, exponent);
        }
        return cdf(w);
    }

    private static double[] cdf(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] cdf = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cdf[i] = sum / total;
        }
        return cdf;
    }
}
