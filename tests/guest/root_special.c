/* root_special.c - special files under --root never block the simulator:
 * a FIFO, opened for reading, writing or both, is refused with ENXIO
 * instead of blocking in the host's open(); a regular file still opens.
 * Run with the --root that root_special.cmake sets up. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
    CHECK_ERR(open("fifo", O_RDONLY), ENXIO, "FIFO for reading");
    CHECK_ERR(open("fifo", O_WRONLY), ENXIO, "FIFO for writing");
    CHECK_ERR(open("/fifo", O_RDWR), ENXIO, "FIFO for both");
    int fd = open("plain.txt", O_RDONLY);
    CHECK(fd >= 0, "a regular file opens");
    char b[4] = {0};
    CHECK_EQ(read(fd, b, 3), 3, "read it");
    CHECK(b[0] == 'o' && b[1] == 'k', "its bytes");
    CHECK_OK(close(fd), "close");
    return done();
}
