/* msk-policy.h — the NEL MSK MRI policy, loaded and validated from JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A policy is immutable once loaded and reference counted. Every string and
 * item pointer handed out belongs to the policy and lives as long as it does.
 * The item structs are plain read-only data: read their fields, never write
 * them.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MSK_ERROR (msk_error_quark ())

typedef enum {
  MSK_ERROR_INVALID_POLICY,   /* the policy file breaks the format; message lists every problem */
  MSK_ERROR_INVALID_REQUEST,  /* one line: "request.field: reason" */
  MSK_ERROR_INVALID_ARGUMENT, /* command line */
  MSK_ERROR_IO,
} MskError;

GQuark msk_error_quark (void);

/* Input limits, documented in README.md ("Input limits"). */
#define MSK_POLICY_MAX_BYTES   (4 * 1024 * 1024)
#define MSK_REQUEST_MAX_BYTES  (64 * 1024)
#define MSK_JSON_MAX_DEPTH     32
#define MSK_JSON_MAX_STRING    (16 * 1024)
/* Items in any one list of a policy. Checking ids and references is
 * quadratic in a list's length; the real policy's longest list holds 24. */
#define MSK_POLICY_MAX_ITEMS   1000

typedef struct _MskPolicy MskPolicy;

typedef struct {
  const char *id;
  const char *title;
  const char *kind;   /* "pathway", "portal", "advice", "evidence", "guidance" */
  const char *note;   /* nullable: what it is, from the clinical notes */
  const char *url;    /* nullable; always https:// when set */
  /* A resource the policy itself lists (every kind but "guidance") whose
   * address this app supplied, because the policy's link is a placeholder:
   * every place that shows the link says so. */
  gboolean    url_added;
} MskResource;

typedef struct {
  const char        *text;
  const MskResource *source;    /* nullable */
  gboolean           secondary; /* seen only in a secondary source */
} MskPrompt;

typedef struct _MskConcern MskConcern;

/* An emergency sign belongs to one concern and is offered only under it;
 * a route names the signs that escalate it. */
typedef struct {
  guint              index;        /* bit in MskRequest's sign mask, policy-wide */
  const char        *id;
  const char        *label;
  const char        *description;  /* plain words: what the clinician looks for */
  const MskResource *source;
  const MskConcern  *concern;
} MskSign;

struct _MskConcern {
  guint            index;  /* bit in MskRequest's concern mask */
  const char      *id;
  const char      *label;
  const char      *help;   /* nullable */
  const MskPrompt *prompts;
  guint            n_prompts;
  const MskSign   *signs;
  guint            n_signs;
};

/* Requesters and boroughs. */
typedef struct {
  guint       index;
  const char *id;
  const char *label;
  const char *help;  /* nullable */
} MskChoice;

typedef struct _MskRationale MskRationale;

/* A region's rationale and evidence are shown only on routes that argue
 * the low value of imaging (a route's "evidence"), never on a red flag. */
typedef struct {
  guint                index;
  const char          *id;
  const char          *label;
  const MskResource  **resources;  /* region-specific evidence */
  guint                n_resources;
  const MskRationale **rationale;  /* e.g. the spinal-expertise sentence */
  guint                n_rationale;
} MskRegion;

/* Kind: "emergency", "urgent" or "routine". */
typedef struct {
  const char *id;
  const char *kind;
  const char *label;
  const char *icon;  /* a symbolic icon name, so urgency is never colour alone */
  int         rank;  /* 0 = most urgent */
} MskUrgency;

/* An outcome's kind is file-format vocabulary, not a policy id: "emergency",
 * "urgent", "refer" (do something else instead of MRI), "permitted" (MRI may
 * be requested) or "incomplete". Outcomes that point opposite ways never
 * share a look, and the look follows the kind. */
typedef struct {
  const char *id;
  const char *kind;
  const char *label;
} MskOutcome;

/* Kind: "not_recommended", "permitted" or "via_pathway" (imaging, if needed,
 * is the red-flag pathway's to arrange). */
typedef struct {
  const char *id;
  const char *kind;
  const char *label;
} MskVerdict;

/* `text` is the policy's own words (the validator checks it stands in the
 * source); `in_short` is the app's, and is shown as the app's. */
typedef struct {
  const char        *id;
  const char        *title;
  const char        *text;
  const char        *in_short;   /* nullable */
  const MskResource *resource;   /* nullable */
  gboolean           needs_borough;
} MskPathway;

/* Word for word from the policy. */
struct _MskRationale {
  const char        *id;
  const char        *text;
  const MskResource *resource;   /* nullable */
};

/* Urgency is not in the policy: where it comes from, shown beside it. With
 * no sources it is the app's own grading and is shown as such. */
typedef struct {
  const char         *note;
  const MskResource **sources;
  guint               n_sources;
} MskUrgencyBasis;

/* What an emergency sign turns a route into. */
typedef struct {
  guint              signs_any;  /* mask of sign indexes */
  const MskOutcome  *outcome;
  const MskUrgency  *urgency;
  const char        *headline;
  const char        *why;
  MskUrgencyBasis    basis;
} MskEscalation;

typedef struct {
  const MskChoice   *borough;
  const char        *service;
  const char        *referral;
  const MskResource *resource;      /* nullable */
  gboolean           details_known;
} MskService;

typedef struct {
  const char         *text;
  const MskResource **resources;
  guint               n_resources;
} MskParagraph;

typedef struct {
  const char          *id;
  const char          *heading;
  const MskParagraph  *paragraphs;
  guint                n_paragraphs;
  const MskResource  **resources;       /* a list of resources shown under the section */
  guint                n_resources;
  gboolean             services_table;  /* show the community services table here */
  gboolean             concern_prompts; /* show every concern's prompts here */
  gboolean             metadata;        /* show version, dates, author, approvers here */
  gboolean             app_words;       /* the paragraphs are this app's words, not the policy's */
} MskSection;

/* A route is one row of the decision table. Its condition is a conjunction:
 * a field that the policy leaves out does not constrain. */
typedef struct {
  const char       *id;
  guint             concerns_any;        /* mask; 0 = no constraint */
  gboolean          no_concerns;
  gboolean          region_chosen;
  guint             requester_in;        /* mask of requester indexes; 0 = any */
  int               fcp_governance;      /* -1 any, 0 must be false, 1 must be true */
  gboolean          only_if_none_fired;
  const MskPathway *pathway;
  const MskOutcome *outcome;
  const MskUrgency *urgency;
  const MskVerdict *verdict;
  const char       *headline;          /* names the action, the app's words */
  const char       *why;               /* which answers made it fire, the app's words */
  MskUrgencyBasis   basis;
  const MskEscalation *escalation;     /* nullable */
  gboolean          evidence;          /* carries the region's and the general evidence */
  const MskRationale **rationale;        /* the parts of the rationale this route rests on */
  guint             n_rationale;
} MskRoute;

/* One "get help straight away" box of the patient sheet, shown when one of
 * its concerns is ticked or its regions is chosen. */
typedef struct {
  const char  *id;
  guint        concerns;      /* mask */
  guint        regions;       /* mask */
  const char  *intro;
  const char **signs;         /* NULL-terminated */
  const char  *source;
} MskSafetyNet;

typedef struct {
  const char         *title;
  const char         *intro;
  const char         *next_heading;
  const char         *why_heading;
  const char        **why;             /* NULL-terminated */
  const char         *urgent_heading;
  const MskSafetyNet *safety_nets;
  guint               n_safety_nets;
} MskPatientSheet;

GType        msk_policy_get_type            (void) G_GNUC_CONST;
#define MSK_TYPE_POLICY (msk_policy_get_type ())

/* Parses and validates. On failure the error (MSK_ERROR_INVALID_POLICY) has one
 * line per problem, "path: reason", with " (line N)" where the line is known. */
MskPolicy   *msk_policy_new_from_bytes      (GBytes      *bytes,
                                             const char  *origin,
                                             GError     **error);
MskPolicy   *msk_policy_new_from_file       (const char  *path,
                                             GError     **error);
/* The policy compiled into the program. It is checked by the tests, so a
 * failure here means a broken build. */
MskPolicy   *msk_policy_new_bundled         (GError     **error);

/* Every problem in a candidate policy file, as "path: reason (line N)"
 * strings; an empty array when the file is valid. */
GPtrArray   *msk_policy_check_bytes         (GBytes      *bytes);

MskPolicy   *msk_policy_ref                 (MskPolicy   *self);
void         msk_policy_unref               (MskPolicy   *self);

const char  *msk_policy_get_origin          (MskPolicy   *self);
const char  *msk_policy_get_sha256          (MskPolicy   *self);
const char  *msk_policy_get_id              (MskPolicy   *self);
const char  *msk_policy_get_title           (MskPolicy   *self);
const char  *msk_policy_get_organisation    (MskPolicy   *self);
const char  *msk_policy_get_status          (MskPolicy   *self);
const char  *msk_policy_get_version         (MskPolicy   *self);
const GDate *msk_policy_get_effective       (MskPolicy   *self);
const GDate *msk_policy_get_review          (MskPolicy   *self);
const char  *msk_policy_get_author          (MskPolicy   *self);
const char * const *msk_policy_get_approvers (MskPolicy  *self);
const char  *msk_policy_get_disclaimer      (MskPolicy   *self);
const char  *msk_policy_get_prompts_heading (MskPolicy   *self);
const char  *msk_policy_get_prompts_note    (MskPolicy   *self);
const char  *msk_policy_get_governance_label (MskPolicy  *self);
gboolean     msk_policy_governance_applies  (MskPolicy   *self,
                                             const MskChoice *requester);
const char  *msk_policy_get_services_note   (MskPolicy   *self);
const MskPatientSheet *msk_policy_get_patient_sheet (MskPolicy *self);
/* Whether the patient sheet explains why a scan now is unlikely to help for
 * this outcome (the policy's patient_sheet.why_for). */
gboolean     msk_policy_patient_why_applies (MskPolicy   *self,
                                             const MskOutcome *outcome);
/* The patient-sheet paragraph for an outcome, or NULL. */
const char  *msk_policy_get_patient_next    (MskPolicy   *self,
                                             const MskOutcome *outcome);

guint               msk_policy_get_n_requesters (MskPolicy *self);
const MskChoice    *msk_policy_get_requester    (MskPolicy *self, guint i);
guint               msk_policy_get_n_boroughs   (MskPolicy *self);
const MskChoice    *msk_policy_get_borough      (MskPolicy *self, guint i);
guint               msk_policy_get_n_regions    (MskPolicy *self);
const MskRegion    *msk_policy_get_region       (MskPolicy *self, guint i);
guint               msk_policy_get_n_concerns   (MskPolicy *self);
const MskConcern   *msk_policy_get_concern      (MskPolicy *self, guint i);
guint               msk_policy_get_n_pathways   (MskPolicy *self);
const MskPathway   *msk_policy_get_pathway      (MskPolicy *self, guint i);
guint               msk_policy_get_n_routes     (MskPolicy *self);
const MskRoute     *msk_policy_get_route        (MskPolicy *self, guint i);
guint               msk_policy_get_n_resources  (MskPolicy *self);
const MskResource  *msk_policy_get_resource     (MskPolicy *self, guint i);
guint               msk_policy_get_n_rationale  (MskPolicy *self);
const MskRationale *msk_policy_get_rationale    (MskPolicy *self, guint i);
guint               msk_policy_get_n_sections   (MskPolicy *self);
const MskSection   *msk_policy_get_section      (MskPolicy *self, guint i);
guint               msk_policy_get_n_services   (MskPolicy *self);
const MskService   *msk_policy_get_service      (MskPolicy *self, guint i);
guint               msk_policy_get_n_outcomes   (MskPolicy *self);
const MskOutcome   *msk_policy_get_outcome      (MskPolicy *self, guint i);
/* Every emergency sign, over all concerns. */
guint               msk_policy_get_n_signs      (MskPolicy *self);
const MskSign      *msk_policy_get_sign         (MskPolicy *self, guint i);

/* Evidence shown for every region on a route that carries evidence. */
guint               msk_policy_get_n_general_resources (MskPolicy *self);
const MskResource  *msk_policy_get_general_resource    (MskPolicy *self, guint i);

/* Look-ups by id; NULL when the policy has no such id. */
const MskChoice    *msk_policy_find_requester   (MskPolicy *self, const char *id);
const MskChoice    *msk_policy_find_borough     (MskPolicy *self, const char *id);
const MskRegion    *msk_policy_find_region      (MskPolicy *self, const char *id);
const MskConcern   *msk_policy_find_concern     (MskPolicy *self, const char *id);
const MskSign      *msk_policy_find_sign        (MskPolicy *self, const char *id);
const MskOutcome   *msk_policy_find_outcome     (MskPolicy *self, const char *id);
const MskService   *msk_policy_find_service     (MskPolicy *self, const MskChoice *borough);

/* The policy stamp every output carries, formatted once: "TITLE, version V,
 * effective DD/MM/YYYY, review DD/MM/YYYY; policy file fingerprint (SHA-256)
 * first 12 hex digits". */
char        *msk_policy_format_stamp        (MskPolicy   *self);

/* "17/11/2025": the form every printed and shown date takes. */
char        *msk_format_date_uk             (const GDate *date);
/* Parses strict "YYYY-MM-DD"; FALSE for anything else or an impossible date. */
gboolean     msk_parse_iso_date             (const char  *text,
                                             GDate       *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskPolicy, msk_policy_unref)

G_END_DECLS
