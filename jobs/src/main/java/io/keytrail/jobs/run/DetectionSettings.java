package io.keytrail.jobs.run;

import io.keytrail.investigate.GivenStarts;
import io.keytrail.investigate.OrgSettings;
import io.keytrail.jobs.cli.Home;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.sweep.CompromiseStarts;
import io.keytrail.jobs.sweep.LeakTables;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.secrets.SecretRules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the keyed detection needs, from the options `sweep` and `stream` share: profile, prices,
 * secret rules, organisation settings and the given compromise starts (analyst and leak scan).
 */
public record DetectionSettings(DetectionProfile profile, PricingTable pricing, KeyMasker masker, OrgSettings org,
                                GivenStarts starts) {

    /** Declares the shared options on a command. */
    public static Options declare(Options o) {
        return o.value("profile", "NAME|FILE", "default", "detection profile: reference, default, or a profile .json file")
                .value("pricing", "FILE", "conf/pricing.json", "model price table used to price records without a cost")
                .value("rules", "FILE", "conf/secret-rules.json", "secret rules used to recognise and mask full API keys")
                .value("org", "FILE", "conf/org.json", "organisation and key settings: spend limits, connected systems, legitimate IPs, key holders")
                .repeatable("compromise-start", "KEY=ISO8601", null, "the analyst's compromise start for a key (its timeline starts there)")
                .repeatable("compromise-starts", "FILE.csv", null, "CSV of api_key_id,compromise_start rows")
                .repeatable("leaks", "DIR", null, "leakscan output (DIR/leaks) whose earliest exposures start the compromise windows");
    }

    public static DetectionSettings load(String command, Options o) throws UsageException, IOException {
        DetectionProfile profile = profile(command, o.get("profile"));
        PricingTable pricing = PricingTable.load(existing(o.get("pricing"), "pricing"));
        KeyMasker masker = new KeyMasker(SecretRules.load(existing(o.get("rules"), "rules")));
        OrgSettings org = OrgSettings.load(existing(o.get("org"), "org"));
        GivenStarts starts = GivenStarts.of(CompromiseStarts.parse(o.all("compromise-start"),
                o.all("compromise-starts").stream().map(Home::resolve).toList(), masker), LeakTables.read(o.all("leaks")));
        return new DetectionSettings(profile, pricing, masker, org, starts);
    }

    public static DetectionProfile profile(String command, String nameOrPath) throws UsageException {
        try {
            return DetectionProfile.load(nameOrPath.endsWith(".json") ? Home.resolve(nameOrPath) : nameOrPath);
        } catch (IOException e) {
            throw new UsageException(command + ": " + e.getMessage());
        }
    }

    /** A project file (rules, pricing, org) that must exist, resolved as {@link Home#resolve} does; else a usage error. */
    public static Path existing(String file, String what) throws UsageException {
        Path p = Path.of(Home.resolve(file));
        if (!Files.isRegularFile(p)) {
            throw new UsageException(what + " file not found: " + file + " (run from the KeyTrail directory or pass --" + what + ")");
        }
        return p;
    }
}
