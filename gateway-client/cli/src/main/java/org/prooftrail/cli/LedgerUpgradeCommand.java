package org.prooftrail.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.prooftrail.client.embedded.EmbeddedLedgerUpgrade;
import org.prooftrail.client.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "upgrade",
        description = "Convert an embedded ledger written by prooftrail 0.1.0 (log format 1) to today's format, once:"
                + " every record kept, private writes sealed, 0.1.0 erasures made effective, and a map of each old"
                + " record hash to its new one written to ledger/format-1-upgrade.json. The 0.1.0 log is not kept (it"
                + " holds private data in clear, erased consents among them): copy it first if you want to check the"
                + " map against it. Does nothing on a ledger already in today's format.")
final class LedgerUpgradeCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledgerOptions;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (ledgerOptions.config != null || LedgerOptions.gatewayEnvironmentPresent(System.getenv())) {
            throw UsageException.failedPrecondition("ledger upgrade converts the embedded ledger's log; on a Fabric"
                    + " network, upgrade the chaincode (network.sh deploy) and run prooftrail maintenance upgrade");
        }
        EmbeddedLedgerUpgrade.Result result = EmbeddedLedgerUpgrade.upgrade(ledgerOptions.home());
        var out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> json = new TreeMap<>();
            json.put("converted", result.converted());
            json.put("records", result.records());
            if (result.converted()) {
                json.put("format1LastHash", result.format1LastHash());
                json.put("format2LastHash", result.format2LastHash());
                json.put("hashMap", result.hashMap().toString());
            }
            out.println(Json.write(json));
        } else if (result.converted()) {
            out.println("UPGRADED " + result.records() + " transactions from log format 1 (prooftrail 0.1.0) to 2");
            out.println("  last hash " + result.format1LastHash() + " (format 1) is now " + result.format2LastHash());
            out.println("  map of every record's old and new hash: " + result.hashMap());
        } else {
            out.println("nothing to upgrade: the ledger in " + ledgerOptions.home() + " is in today's format");
        }
        out.flush();
        return ExitCode.OK;
    }
}
