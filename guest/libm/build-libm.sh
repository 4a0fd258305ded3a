#!/bin/sh
# build-libm.sh - build newlib's libm (Debian's newlib-source tarball) for
# one guest arch: soft-float, POSIX mode (_LIB_VERSION _POSIX_), errno set as
# C99 says (math_errhandling = MATH_ERRNO).  One libm.a serves every
# flavour of the arch (ARM: armv4t code, as the libgcc mutilib; PowerPC:
# generic 32-bit PowerPC).
#
#   build-libm.sh ARCH CC AR TARBALL WORKDIR OUT.a
#
# Long-double files are left out on PowerPC (IBM double-double long
# double; newlib has no code for it): sqrtl & co. exist only on ARM,
# where long double is double.
set -eu
arch=$1 cc=$2 ar=$3 tarball=$4 work=$5 out=$6
src=$work/src
if [ ! -d "$src/newlib/libm" ]; then
	rm -rf "$src" "$work/x"
	mkdir -p "$work/x"
	top=$(tar tJf "$tarball" | head -1 | cut -d/ -f1)
	tar xJf "$tarball" -C "$work/x" "$top/newlib/libm" "$top/newlib/libc/include"
	mv "$work/x/$top" "$src"
	rmdir "$work/x"
fi
rm -rf "$work/obj-$arch"          # this script runs only when it or the tarball changed
# The two headers newlib's configure would generate for this target
# (newlib.h: the configuration; _newlib_version.h: the version), written
# here because libm is built without running newlib's configure.
mkdir -p "$work/config" "$work/obj-$arch"
cat > "$work/config/_newlib_version.h" <<'H'
#ifndef _NEWLIB_VERSION_H__
#define _NEWLIB_VERSION_H__ 1
#define _NEWLIB_VERSION "3.3.0"
#define __NEWLIB__ 3
#define __NEWLIB_MINOR__ 3
#define __NEWLIB_PATCHLEVEL__ 0
#endif
H
cat > "$work/config/newlib.h" <<'H'
#ifndef __NEWLIB_H__
#define __NEWLIB_H__ 1
#include <_newlib_version.h>
#if __SIZEOF_LONG_DOUBLE__ == __SIZEOF_DOUBLE__
#define _LDBL_EQ_DBL 1
#endif
#endif
H
case $arch in
arm) flags="-marm -march=armv4t -mfloat-abi=soft -mlittle-endian" ;;
ppc) flags="-mcpu=powerpc -msoft-float -mbig-endian" ;;
*) echo "build-libm.sh: unknown arch $arch" >&2; exit 2 ;;
esac
gcc_include=$("$cc" -print-file-name=include)
gcc_fixed=$("$cc" -print-file-name=include-fixed)
objs=""
for f in "$src"/newlib/libm/math/*.c "$src"/newlib/libm/common/*.c; do
	b=$(basename "$f" .c)
	d=$(basename "$(dirname "$f")")
	case "$d/$b" in
	common/s_isinf|common/s_isnan|common/sf_isinf|common/sf_isnan) continue ;;
	esac
	if [ "$arch" = ppc ]; then
		case "$d/$b" in
		common/*l|common/nexttoward|common/nexttowardf|common/sl_finite|math/el_hypot) continue ;;
		esac
	fi
	o="$work/obj-$arch/${d}_$b.o"
	# shellcheck disable=SC2086
	"$cc" $flags -O2 -fno-pic -fno-builtin -ffreestanding -nostdinc -w \
			-fno-asynchronous-unwind-tables -fno-unwind-tables \
		-isystem "$work/config" -isystem "$src/newlib/libc/include" -isystem "$gcc_include" -isystem "$gcc_fixed" \
		-I"$src/newlib/libm/common" -D_POSIX_MODE \
		-c "$f" -o "$o"
	objs="$objs $o"
done
rm -f "$out"
# shellcheck disable=SC2086
"$ar" rcs "$out" $objs
