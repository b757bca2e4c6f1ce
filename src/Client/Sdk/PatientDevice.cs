using System.Security.Cryptography;
using MedChain.Crypto;
using MedChain.Contracts;
using MedChain.Protocol.Identity;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Matching;
using MedChain.Protocol.ReEncryption;
using MedChain.Protocol.Records;
using MedChain.Protocol.Search;
using MedChain.Protocol.Signatures;

namespace MedChain.Client.Sdk;

/// <summary>
/// A patient's side of the scheme, run on his device with his private key: trapdoors for a
/// symptom (III.E), consents with product-mode re-keys, reading his own records, and the
/// patients session (III.F, hardened mode) through the API's relay.
/// </summary>
public sealed class PatientDevice(SystemParameters parameters, string patientId, SecretKey key)
{
    /// <summary>How long <see cref="MatchAsync"/> waits for the other patient.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A patient with the self-certifying id of his key (<see cref="ParticipantIds.Derive(string, PublicKey)"/>), as a new patient enrolls.</summary>
    public PatientDevice(SystemParameters parameters, SecretKey key)
        : this(parameters, ParticipantIds.Derive("patient", key.PublicKey), key)
    {
    }

    /// <summary>The patient's id.</summary>
    public string PatientId { get; } = patientId;

    /// <summary>The patient's public key.</summary>
    public PublicKey PublicKey => key.PublicKey;

    /// <summary>The patient's proof for his registration at a hospital (he holds the key and agrees).</summary>
    public byte[] Enrollment(string hospitalId) => EnrollmentStatement.Sign(key, "patient", PatientId, hospitalId);

    /// <summary>A trapdoor (base64) for a symptom, addressed to one hospital.</summary>
    public string Trapdoor(PatientHospital hospital, string symptomCode)
    {
        using Scalar symptom = parameters.Hashes.Symptom(symptomCode);
        return Convert.ToBase64String(Protocol.Search.Trapdoor.Create(parameters, key,
            PublicKey.Decode(parameters, Convert.FromBase64String(hospital.PublicKey)), symptom).Encode());
    }

    /// <summary>
    /// A signed consent for a doctor until an expiry, with the re-key rk = PK_s^(1/x_j), for one
    /// symptom at these hospitals; and the doctor's share ticket with exactly the trapdoors the
    /// consent names (one per hospital). The proxy accepts no other trapdoor under it.
    /// </summary>
    public (GrantConsentRequest Consent, ShareRequest Ticket) Consent(string consentId, DoctorInfo doctor, DateTimeOffset expires,
        IReadOnlyList<PatientHospital> hospitals, string symptomCode)
    {
        Dictionary<string, string> trapdoors = hospitals.ToDictionary(h => h.Pid, h => Trapdoor(h, symptomCode));
        Consent c = Protocol.ReEncryption.Consent.Grant(key, consentId, PatientId, doctor.DoctorId,
            PublicKey.Decode(parameters, Convert.FromBase64String(doctor.PublicKey)), expires,
            trapdoors.Select(t => (Convert.FromBase64String(t.Key), Convert.FromBase64String(t.Value))));
        var request = new GrantConsentRequest(c.ConsentId, c.DoctorId, Convert.ToBase64String(c.DoctorKey), Convert.ToBase64String(c.ReKey), c.ExpiresAtMs,
            Convert.ToBase64String(c.Scope), Convert.ToBase64String(c.Signature));
        return (request, new ShareRequest(PatientId, consentId, trapdoors));
    }

    /// <summary>Decrypts one of the patient's own sealed records (base64, as a search returns it).</summary>
    public byte[] Decrypt(string sealedRecord) =>
        RecordEncryption.DecryptAsPatient(parameters, key, SealedRecord.Decode(parameters, Convert.FromBase64String(sealedRecord)));

    /// <summary>
    /// Runs the patients session with a peer through the relay (the initiator must have opened the
    /// session): exchanges shares, then key-confirmation MACs. Returns the session key when both
    /// have the same symptom, else null. The caller's client must be logged in as this patient.
    /// </summary>
    public async Task<byte[]?> MatchAsync(MedChainClient client, string sessionId, string peerId, bool initiator, string symptomCode, CancellationToken cancellation = default)
    {
        // The session must be between exactly these two, in these roles: nobody else may have opened it.
        MatchingSession parties = await client.GetMatchingAsync(sessionId, cancellation);
        (string expectedInitiator, string expectedResponder) = initiator ? (PatientId, peerId) : (peerId, PatientId);
        if (parties.Initiator != expectedInitiator || parties.Responder != expectedResponder)
        {
            throw new InvalidOperationException($"Session {sessionId} is between {parties.Initiator} and {parties.Responder}, not {expectedInitiator} and {expectedResponder}.");
        }
        byte[] session = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("medchain-session:" + sessionId));
        using var matching = new HardenedMatching(parameters, initiator, session,
            System.Text.Encoding.UTF8.GetBytes(PatientId), System.Text.Encoding.UTF8.GetBytes(peerId), symptomCode);
        await client.PostMatchingAsync(sessionId, 1, matching.Share, cancellation);
        byte[] peerShare = await ReceiveAsync(client, sessionId, peerId, 1, cancellation);
        byte[] mac;
        try
        {
            mac = matching.Confirm(peerShare);
        }
        catch (MedChain.Crypto.Encoding.EncodingException)
        {
            await client.FinishMatchingAsync(sessionId, cancellation);
            return null;
        }
        await client.PostMatchingAsync(sessionId, 2, mac, cancellation);
        byte[] peerMac = await ReceiveAsync(client, sessionId, peerId, 2, cancellation);
        bool matched = matching.Finish(peerMac);
        await client.FinishMatchingAsync(sessionId, cancellation);
        return matched ? matching.SessionKey : null;
    }

    private static async Task<byte[]> ReceiveAsync(MedChainClient client, string sessionId, string peerId, int step, CancellationToken cancellation)
    {
        DateTime deadline = DateTime.UtcNow + MatchTimeout;
        while (true)
        {
            MatchingEnvelope? message = (await client.ReadMatchingAsync(sessionId, 0, cancellation)).FirstOrDefault(m => m.From == peerId && m.Step == step);
            if (message is not null)
            {
                return Convert.FromBase64String(message.Payload);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The other patient did not send step {step} of session {sessionId}.");
            }
            await Task.Delay(100, cancellation);
        }
    }
}
