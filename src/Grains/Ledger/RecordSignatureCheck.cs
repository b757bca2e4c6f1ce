using MedChain.Crypto.Encoding;
using MedChain.Grains.Hosting;
using MedChain.Protocol.Keys;
using MedChain.Protocol.Ledger;
using MedChain.Protocol.Signatures;

namespace MedChain.Grains.Ledger;

/// <summary>
/// The per-record check every ledger node can run without private data: the doctor's signature
/// over the record, under the doctor's key carried in the record. (Ciphertext validity needs the
/// patient's key, which only the hospital holds; the hospital checked it before accepting.)
/// </summary>
internal static class RecordSignatureCheck
{
    internal static bool IsValid(SystemParameters p, PublicKeyCache keys, LedgerRecord record)
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
