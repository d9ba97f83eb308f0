# SPDX-License-Identifier: GPL-2.0
# Sphinx configuration of the axaddrspace documentation: `make htmldocs`
# (scripts/docs.sh), which sets AXA_KSRC to a Linux 6.12 source tree. Its
# Documentation/sphinx/kerneldoc.py extension and scripts/kernel-doc pull
# the comments of the headers and sources into the pages, as in the
# kernel's own documentation.
import os
import sys

ksrc = os.environ.get('AXA_KSRC')
if not ksrc or not os.path.isfile(os.path.join(ksrc, 'scripts', 'kernel-doc')):
    sys.exit('AXA_KSRC must name a Linux source tree (scripts/docs.sh sets it)')
sys.path.insert(0, os.path.join(ksrc, 'Documentation', 'sphinx'))

project = 'axaddrspace'
copyright = 'The axaddrspace authors'
author = 'The axaddrspace authors'
# The one version of the project, PACKAGE_VERSION of dkms.conf.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                       'dkms.conf'), encoding='utf-8') as f:
    for line in f:
        if line.startswith('PACKAGE_VERSION='):
            version = release = line.split('=', 1)[1].strip().strip('"')

extensions = ['kerneldoc', 'sphinx.ext.autosectionlabel']
# :ref:`engine:Page-size policy`: every section is a target, by document.
autosectionlabel_prefix_document = True
kerneldoc_bin = os.path.join(ksrc, 'scripts', 'kernel-doc')
kerneldoc_srctree = os.path.abspath(os.path.join(os.path.dirname(
    os.path.abspath(__file__)), '..'))

master_doc = 'index'
source_suffix = '.rst'
exclude_patterns = []
primary_domain = 'c'
highlight_language = 'none'

# Kernel attributes that Sphinx's C parser does not know; the list of the
# kernel's Documentation/conf.py for the ones these sources use.
c_id_attributes = [
    '__user', '__iomem', '__rcu', '__force', '__bitwise', '__packed',
    '__aligned', '__always_inline', '__init', '__must_check',
]

html_theme = 'alabaster'
html_title = 'axaddrspace ' + release
html_show_sourcelink = False
