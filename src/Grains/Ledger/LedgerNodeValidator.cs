using MedChain.Crypto.Encoding;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Signatures;

namespace MedChain.Grains.Ledger;

/// <summary>
/// The chain check every ledger node runs (the replicas on each block, the hospital's audit on the
/// whole chain), without private data: <see cref="ChainValidator"/> with the hospital's key and
/// PID, and per record the doctor's signature under the doctor's key carried in the record.
/// (Ciphertext validity needs the patient's key, which only the hospital holds; the hospital
/// checked it before accepting.)
/// </summary>
internal static class LedgerNodeValidator
{
    /// <summary>The validator for one hospital's chain; doctors' keys come from the silo's cache.</summary>
    internal static ChainValidator Create(SystemParameters p, PublicKeyCache keys, byte[] hospitalKey, byte[] hospitalPid, int blockSize) =>
        new(p, keys.Get(p, hospitalKey), hospitalPid, new BlockPolicy(blockSize), r => RecordSignatureIsValid(p, keys, r));

    private static bool RecordSignatureIsValid(SystemParameters p, PublicKeyCache keys, LedgerRecord record)
    {
        try
        {
            return SchnorrSignature.TryVerify(p, keys.Get(p, record.DoctorKey), SignaturePurpose.LedgerRecord, record.SignedBytes(), record.Signature);
        }
        catch (EncodingException)
        {
            return false;
        }
    }
}
