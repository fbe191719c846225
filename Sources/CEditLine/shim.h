/* Non-variadic wrappers for libedit: Swift cannot call el_set/el_get/history directly. */
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <langinfo.h>
#include <histedit.h>
