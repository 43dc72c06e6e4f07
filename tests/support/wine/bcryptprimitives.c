/*
 * TEST-ONLY STAND-IN for Windows' bcryptprimitives.dll. Never shipped.
 *
 * Rust's std (1.78+) seeds HashMap and fills random bytes through
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10+ has but
 * Debian's Wine 8 does not: without it the provider's .exe dies at its first
 * HashMap. scripts/wine-prefix.sh compiles this file with mingw into the
 * tests' Wine prefix (drive_c/windows/system32) and nothing else uses it.
 *
 * ProcessPrng is answered by RtlGenRandom (advapi32's SystemFunction036),
 * which Wine has always had.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* RtlGenRandom takes a ULONG length: feed it in chunks. */
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE; /* the real one never fails */
}
