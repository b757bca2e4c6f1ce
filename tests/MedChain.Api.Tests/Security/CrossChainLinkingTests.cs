using System.Net;
using MedChain.Contracts;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Records;

namespace MedChain.Api.Tests.Security;

/// <summary>
/// Issue 11 §1, the linking attack: with a patient's public key, the public validity check tells
/// which sealed records are his, so whoever reads block bodies finds his records at every hospital.
/// Bodies and receipts are refused to everyone outside the chain's hospital, the SM and a record's
/// own parties; the attack through the API then finds nothing, while the same check over the
/// bodies the hospital reads finds every one of them (so the attack is real, not a no-op).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CrossChainLinkingTests(ApiFixture stack)
{
    /// <summary>Another hospital's operator, another hospital's doctor, another patient of the same hospital.</summary>
    private static readonly string[] Outsiders = ["hospital-other", "doctor-other", "patient-other"];

    [Fact]
    public async Task OutsidersOfAChainCannotReadItsRecordsAndTheLinkingAttackFindsNothing()
    {
        World w = await stack.SharedWorldAsync();
        string h1 = w.Ids["hospital"];
        PublicKey victim = w.Keys["patient"].PublicKey;
        using var http = new HttpClient();

        // What the hospital reads: p1's ten records of block 0, every one found by the check with his key.
        BlockInfo block = await w.Clients["hospital"].GetBlockAsync(h1, 0);
        Assert.Equal(10, block.Records.Count(r => IsFor(w.Parameters, victim, r.Header)));

        foreach (string outsider in Outsiders)
        {
            using HttpResponseMessage body = await http.SendAsync(w.Request(outsider, HttpMethod.Get, $"hospitals/{h1}/blocks/0"));
            Assert.Equal(HttpStatusCode.Forbidden, body.StatusCode);
            string text = await body.Content.ReadAsStringAsync();
            Assert.DoesNotContain(block.Records[0].Header, text);

            // The header is everyone's, and carries no record.
            using HttpResponseMessage header = await http.SendAsync(w.Request(outsider, HttpMethod.Get, $"hospitals/{h1}/blocks/0/header"));
            Assert.Equal(HttpStatusCode.OK, header.StatusCode);
            string headerText = await header.Content.ReadAsStringAsync();
            Assert.DoesNotContain(block.Records[0].Header, headerText);
            Assert.DoesNotContain(block.Records[0].Envelope, headerText);

            // No receipt of p1's records either: for an outsider they do not exist.
            foreach (BlockRecord record in block.Records)
            {
                using HttpResponseMessage receipt = await http.SendAsync(w.Request(outsider, HttpMethod.Get, $"hospitals/{h1}/records/{record.RecordId}/receipt"));
                Assert.Equal(HttpStatusCode.NotFound, receipt.StatusCode);
            }
        }

        // The record's own parties read its receipt; the patient's own records are his to prove.
        foreach (string party in new[] { "patient", "doctor" })
        {
            using HttpResponseMessage receipt = await http.SendAsync(w.Request(party, HttpMethod.Get, $"hospitals/{h1}/records/{block.Records[3].RecordId}/receipt"));
            Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        }
    }

    /// <summary>The linking test: the strengthened validity check with the patient's key (public values only).</summary>
    private static bool IsFor(SystemParameters p, PublicKey patient, string header) =>
        RecordEncryption.IsValid(p, patient, RecordCiphertext.Decode(p, Convert.FromBase64String(header)));
}
