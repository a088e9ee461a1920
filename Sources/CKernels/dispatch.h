/* Run-time choice of instruction set for the C kernels: each kernel is compiled three times, as plain
 * x86-64, with AVX2_TARGET and with AVX512_TARGET, and calls the variant lunette_instruction_level() names
 * (2: AVX-512, 1: AVX2 + FMA, 0: x86-64), which checks the same features these targets enable. */
#ifndef LUNETTE_DISPATCH_H
#define LUNETTE_DISPATCH_H

#define AVX2_TARGET __attribute__((target("avx2,fma")))
#define AVX512_TARGET __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma")))

int lunette_instruction_level(void);

#endif
