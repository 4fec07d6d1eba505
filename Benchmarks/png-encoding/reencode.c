// Evidence for Spec/performance.md: how long libpng takes to encode a certificate preview with
// cairo's settings (all filters, zlib 6) and with cheaper ones. Encode time only, best of 5.
// gcc -O2 -o /tmp/reencode reencode.c -lpng && /tmp/reencode PREVIEW.png
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
int main(int argc,char**argv){
  png_image image={0}; image.version=PNG_IMAGE_VERSION;
  if(!png_image_begin_read_from_file(&image,argv[1])) return 1;
  image.format=PNG_FORMAT_RGB; size_t stride=PNG_IMAGE_ROW_STRIDE(image);
  png_bytep buffer=malloc(PNG_IMAGE_BUFFER_SIZE(image,stride));
  if(!png_image_finish_read(&image,NULL,buffer,0,NULL)) return 2;
  struct {const char*name;int filter;int level;} cases[]={{"default(all filters,6)",PNG_ALL_FILTERS,6},{"none,6",PNG_FILTER_NONE,6},{"sub,1",PNG_FILTER_SUB,1},{"none,1",PNG_FILTER_NONE,1},{"all,1",PNG_ALL_FILTERS,1}};
  for(int c=0;c<5;c++){
    double best=1e9; size_t bytes=0;
    for(int run=0;run<5;run++){
      FILE*f=fopen("/tmp/attest-bench-reencoded.png","wb");
      png_structp p=png_create_write_struct(PNG_LIBPNG_VER_STRING,NULL,NULL,NULL); png_infop i=png_create_info_struct(p);
      png_init_io(p,f); png_set_IHDR(p,i,image.width,image.height,8,PNG_COLOR_TYPE_RGB,PNG_INTERLACE_NONE,PNG_COMPRESSION_TYPE_DEFAULT,PNG_FILTER_TYPE_DEFAULT);
      png_set_filter(p,0,cases[c].filter); png_set_compression_level(p,cases[c].level);
      double t=now(); png_write_info(p,i);
      for(png_uint_32 y=0;y<image.height;y++) png_write_row(p,buffer+y*stride);
      png_write_end(p,i); double e=now()-t; if(e<best)best=e;
      bytes=ftell(f); png_destroy_write_struct(&p,&i); fclose(f);
    }
    printf("%-24s %7.1f ms  %8zu bytes\n",cases[c].name,best*1e3,bytes);
  }
  printf("%ux%u\n",image.width,image.height);
  return 0;
}
